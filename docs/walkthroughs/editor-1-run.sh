# docs/walkthroughs/editor-1-run.sh: an editor node (API at /thrimshim, page at /editor/; stop it with Ctrl-C)
./streamvault run streamvault.editor.enabled=true \
  streamvault.db.url=jdbc:postgresql://127.0.0.1:5432/${DB:-streamvault} streamvault.db.user=${DB_USER:-streamvault} \
  streamvault.editor.title-prefix="DB2026" streamvault.editor.upload-locations=youtube,local \
  streamvault.editor.auth.audience=${AUDIENCE:-1234567890-abc.apps.googleusercontent.com}

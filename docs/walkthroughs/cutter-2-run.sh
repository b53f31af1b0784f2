# docs/walkthroughs/cutter-2-run.sh: a cutter node, cutting from ./segments into ./clips (stop it with Ctrl-C)
./streamvault run streamvault.cutter.enabled=true \
    streamvault.db.url=jdbc:postgresql://127.0.0.1:5432/${DB:-streamvault} streamvault.db.user=postgres \
    'streamvault.cutter.upload-locations={"local": {"type": "local", "path": "clips", "cut_type": "fast"}}'

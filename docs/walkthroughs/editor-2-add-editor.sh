# docs/walkthroughs/editor-2-add-editor.sh: who may edit (roles: e-mails in lower case; sign-in may use any case)
psql -h 127.0.0.1 -U ${DB_USER:-streamvault} ${DB:-streamvault} -c "INSERT INTO roles (email, name, editor)
    VALUES ('ada@example.org', 'Ada', TRUE) ON CONFLICT (email) DO UPDATE SET editor = TRUE"

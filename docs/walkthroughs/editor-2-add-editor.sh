# docs/walkthroughs/editor-2-add-editor.sh: who may edit (e-mail case does not matter)
psql -h 127.0.0.1 -U ${DB_USER:-streamvault} ${DB:-streamvault} -c "INSERT INTO editors (email, name) VALUES ('ada@example.org', 'Ada')"

# docs/walkthroughs/editor-4-remove-editor.sh: take the right to edit away again
psql -h 127.0.0.1 -U ${DB_USER:-streamvault} ${DB:-streamvault} -c "UPDATE roles SET editor = FALSE WHERE email = 'ada@example.org'"

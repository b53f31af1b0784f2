# docs/walkthroughs/cutter-1-database.sh: an empty database, once (every node applies the schema at start-up)
createdb -h 127.0.0.1 -U postgres ${DB:-streamvault}

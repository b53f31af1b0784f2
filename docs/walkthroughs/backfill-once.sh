# docs/walkthroughs/backfill-once.sh: seed a new node with the last 24 hours of its peers, then exit (0 = all copied)
STREAMVAULT_HTTP_PORT=${STREAMVAULT_HTTP_PORT:-8001} ./streamvault backfill-once streamvault.channels=desertbus \
    streamvault.backfiller.start=24 streamvault.backfiller.node-file=${NODE_FILE:-/etc/streamvault/nodes}

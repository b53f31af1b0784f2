# docs/walkthroughs/backfill-run.sh: a node that copies, every ~2 minutes, what its peers have and it lacks
./streamvault run streamvault.backfiller.enabled=true streamvault.channels=desertbus \
    streamvault.backfiller.nodes=${PEERS:-http://10.0.0.2:8000,http://10.0.0.3:8000}

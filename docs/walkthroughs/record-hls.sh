# docs/walkthroughs/record-hls.sh: record any HLS origin into ./segments (stop it with Ctrl-C)
./streamvault run streamvault.downloader.enabled=true streamvault.channels=mystream \
    streamvault.source.mystream=${SOURCE:-https://example.org/live/master.m3u8}

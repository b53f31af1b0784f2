# docs/walkthroughs/demo.sh: record a built-in live test stream and serve it back (Ctrl-C stops)
./streamvault demo        # prints the playlist URL to play, e.g. ffplay "http://localhost:8000/playlist/demo/source.m3u8"

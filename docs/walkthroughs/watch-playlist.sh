# docs/walkthroughs/watch-playlist.sh: play what a node holds (PLAYER: any player that takes a URL)
NODE=${NODE:-http://localhost:8000} PLAYER=${PLAYER:-ffplay}
$PLAYER "$NODE/playlist/desertbus/source.m3u8"                                        # whole recording, live
$PLAYER "$NODE/playlist/desertbus/source.m3u8?start=2026-11-20T14:00:00&end=2026-11-20T15:00:00"
curl -s "$NODE/files/desertbus/source"; echo                                          # hours on this node

# docs/walkthroughs/record-twitch.sh: record a Twitch channel into ./segments (stop it with Ctrl-C)
./streamvault run streamvault.downloader.enabled=true streamvault.channels=desertbus

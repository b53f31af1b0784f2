package org.streamvault.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.main.Main;
import org.streamvault.download.demo.DemoOrigin;

/**
 * {@code ./streamvault demo}: a node that records a built-in synthetic live stream and serves it
 * back, so the whole loop (downloader → store → restreamer → player) runs with nothing but
 * ffmpeg. Extra {@code key=value} arguments override properties as for {@code run}.
 */
public final class DemoMain {
    private DemoMain() {
    }

    public static void main(String[] args) throws Exception {
        if (!DemoOrigin.ffmpegAvailable()) {
            System.err.println("streamvault demo: ffmpeg is needed to make the demo's live video and was not found."
                    + " Install it (Debian/Ubuntu: 'sudo apt-get install ffmpeg'; macOS: 'brew install ffmpeg')"
                    + " and run './streamvault demo' again.");
            System.exit(1);
        }
        DemoOrigin origin = DemoOrigin.start();
        Runtime.getRuntime().addShutdownHook(new Thread(origin::close, "demo-origin-stop"));
        Path baseDir = Files.createTempDirectory("streamvault-demo-segments");
        List<String[]> props = new ArrayList<>();
        props.add(new String[] {"streamvault.base-dir", baseDir.toString()});
        props.add(new String[] {"streamvault.downloader.enabled", "true"});
        props.add(new String[] {"streamvault.restreamer.enabled", "true"});
        props.add(new String[] {"streamvault.channels", "demo"});
        props.add(new String[] {"streamvault.source.demo", origin.playlistUrl()});
        props.addAll(StreamvaultMain.parseOverrides(args));
        Main main = StreamvaultMain.create(StreamvaultMain.home(), props);
        main.start();
        // as the node resolved it: an argument, STREAMVAULT_HTTP_PORT, or application.properties
        String port = main.getCamelContext().resolvePropertyPlaceholders("{{streamvault.http.port}}");
        String node = "http://localhost:" + port;
        String playlist = node + "/playlist/demo/source.m3u8";
        System.out.println();
        System.out.println("Streamvault demo: open " + node + "/ in a browser (the node's home page)");
        System.out.println("  recording a synthetic live stream (ffmpeg test pattern, 2 s segments)");
        System.out.println("  player:    " + node + "/watch/demo/source   (live; pick any range there)");
        System.out.println("  segments:  " + baseDir + "/demo/source/");
        System.out.println("  playlist:  ffplay \"" + playlist + "\"   (or any HLS player)");
        System.out.println("  files:     curl " + node + "/files/demo/source");
        System.out.println("The first segments arrive within a few seconds. Ctrl-C stops.");
        System.out.println();
        main.run();
        System.exit(main.getExitCode());
    }
}

package org.streamvault.download.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A synthetic live HLS stream for the demo, needing no network: ffmpeg's own HLS muxer encodes
 * a test pattern with a tone in real time into a temp directory (2 s segments, a sliding window,
 * {@code #EXT-X-PROGRAM-DATE-TIME} on every segment), and a plain loopback web server serves
 * that directory. It is exactly the kind of origin an operator would point the downloader at.
 */
public final class DemoOrigin implements AutoCloseable {
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_-]+\\.(m3u8|ts)");

    private final Path dir;
    private final Process ffmpeg;
    private final HttpServer server;

    private DemoOrigin(Path dir, Process ffmpeg, HttpServer server) {
        this.dir = dir;
        this.ffmpeg = ffmpeg;
        this.server = server;
    }

    /** True when an {@code ffmpeg} binary runs. */
    public static boolean ffmpegAvailable() {
        try {
            Process p = new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Starts ffmpeg and the web server; waits until the first playlist has been written. */
    public static DemoOrigin start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("streamvault-demo-origin");
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-re",
                "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-pix_fmt", "yuv420p",
                "-g", "60", "-keyint_min", "60", "-sc_threshold", "0", "-b:v", "1200k",
                "-c:a", "aac", "-b:a", "96k",
                "-f", "hls", "-hls_time", "2", "-hls_list_size", "10",
                "-hls_flags", "delete_segments+program_date_time+temp_file",
                "-hls_segment_filename", dir.resolve("seg%06d.ts").toString(),
                dir.resolve("live.m3u8").toString()));
        Process ffmpeg = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("ffmpeg.log").toFile()).start();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        DemoOrigin origin = new DemoOrigin(dir, ffmpeg, server);
        server.createContext("/", origin::serve);
        server.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(dir.resolve("live.m3u8"))) {
            if (!ffmpeg.isAlive()) {
                throw new IOException("ffmpeg stopped: " + Files.readString(dir.resolve("ffmpeg.log")).strip());
            }
            if (System.nanoTime() > deadline) {
                origin.close();
                throw new IOException("ffmpeg wrote no playlist within 30 s");
            }
            Thread.sleep(100);
        }
        return origin;
    }

    /** Where ffmpeg writes the playlist and segments (what the web server serves). */
    public Path directory() {
        return dir;
    }

    /** The media playlist URL to record. */
    public String playlistUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/live.m3u8";
    }

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            String name = ex.getRequestURI().getPath().substring(1);
            if (!SAFE_NAME.matcher(name).matches()) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            try (InputStream in = Files.newInputStream(dir.resolve(name))) {
                ex.getResponseHeaders().set("Content-Type",
                        name.endsWith(".ts") ? "video/MP2T" : "application/vnd.apple.mpegurl");
                ex.sendResponseHeaders(200, Files.size(dir.resolve(name)));
                try (OutputStream out = ex.getResponseBody()) {
                    in.transferTo(out);
                }
            } catch (NoSuchFileException e) {
                ex.sendResponseHeaders(404, -1);
            }
        }
    }

    @Override
    public void close() {
        ffmpeg.destroy();
        server.stop(0);
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}

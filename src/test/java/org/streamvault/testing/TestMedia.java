package org.streamvault.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real MPEG-TS segments made once per build by ffmpeg: a test pattern with a running
 * timecode and a tone, 30 fps, a keyframe every 2 s, cut into 2-second segments. Cached under
 * {@code target/test-media} so the suite pays for ffmpeg once.
 */
public final class TestMedia {
    public static final int SEGMENT_SECONDS = 2;
    public static final int FPS = 30;

    private TestMedia() {
    }

    /** {@code count} consecutive 2-second TS segments (count ≤ 60), in order. */
    public static synchronized List<Path> segments(int count) throws IOException, InterruptedException {
        if (count > 60) {
            throw new IllegalArgumentException("at most 60 segments are made");
        }
        Path dir = TestNode.projectRoot().resolve("target/test-media/ts2s");
        Path done = dir.resolve(".done");
        if (!Files.exists(done)) {
            Files.createDirectories(dir);
            ffmpeg(dir, "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=" + FPS,
                    "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                    "-t", "120", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                    "-g", String.valueOf(FPS * SEGMENT_SECONDS), "-keyint_min", String.valueOf(FPS * SEGMENT_SECONDS),
                    "-sc_threshold", "0", "-c:a", "aac", "-b:a", "64k",
                    "-f", "segment", "-segment_time", String.valueOf(SEGMENT_SECONDS), "-segment_format", "mpegts",
                    dir.resolve("seg%03d.ts").toString());
            Files.createFile(done);
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.getFileName().toString().endsWith(".ts")).sorted().limit(count).forEach(out::add);
        }
        return out;
    }

    /** Runs ffmpeg quietly in {@code dir}, failing with its stderr if it fails. */
    public static void ffmpeg(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ffmpeg failed: " + output);
        }
    }

    /** Runs ffprobe with {@code args}, returning stdout; fails with stderr if ffprobe fails. */
    public static String ffprobe(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ffprobe", "-hide_banner", "-loglevel", "error"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ffprobe failed: " + err);
        }
        return out;
    }
}

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

    /** Frame rate of {@link #numberedFrames}: 20 frames per 2-second segment, 100 ms each. */
    public static final int NUMBERED_FPS = 10;
    public static final int NUMBERED_WIDTH = 160;
    public static final int NUMBERED_HEIGHT = 90;
    /** Where the tone of {@link #numberedFrames} stops: silence from here on. */
    public static final int NUMBERED_TONE_SECONDS = 4;

    /**
     * Three 2-second TS segments whose frames can be told apart by colour: 10 fps, 160x90, the
     * left half of frame {@code k} (counted from the first segment) in {@link #frameColour(int)},
     * the right half white; a 440 Hz tone for the first 4 s, then silence. Lossless H.264
     * (yuv420p, qp 0, no B-frames), a keyframe per segment.
     */
    public static synchronized List<Path> numberedFrames() throws IOException, InterruptedException {
        return numberedFrames("frames10", true, List.of("-preset", "ultrafast", "-qp", "0"));
    }

    /** As {@link #numberedFrames()}, encoded with B-frames: packets are not in presentation order. */
    public static synchronized List<Path> numberedFramesWithBFrames() throws IOException, InterruptedException {
        // x264 makes no B-frames when lossless; qp 4 keeps the flat colours within a few levels
        return numberedFrames("frames10-bframes", true,
                List.of("-preset", "medium", "-x264-params", "bframes=3:b-adapt=0", "-qp", "4"));
    }

    /** As {@link #numberedFrames()} without an audio stream. */
    public static synchronized List<Path> numberedFramesWithoutAudio() throws IOException, InterruptedException {
        return numberedFrames("frames10-mute", false, List.of("-preset", "ultrafast", "-qp", "0"));
    }

    private static List<Path> numberedFrames(String name, boolean audio, List<String> encoding) throws IOException, InterruptedException {
        Path dir = TestNode.projectRoot().resolve("target/test-media/" + name);
        Path done = dir.resolve(".done");
        if (!Files.exists(done)) {
            Files.createDirectories(dir);
            String colour = "if(lt(X,W/2),%s,255)";
            List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i",
                    "color=black:s=" + NUMBERED_WIDTH + "x" + NUMBERED_HEIGHT + ":r=" + NUMBERED_FPS + ",format=rgb24,geq="
                            + "r='" + String.format(colour, "mod(N,8)*32+16") + "'"
                            + ":g='" + String.format(colour, "mod(floor(N/8),8)*32+16") + "'"
                            + ":b='" + String.format(colour, "128") + "'"));
            if (audio) {
                args.addAll(List.of("-f", "lavfi", "-i", "aevalsrc=if(lt(t\\," + NUMBERED_TONE_SECONDS
                        + ")\\,0.8*sin(2*PI*440*t)\\,0):s=48000", "-c:a", "aac", "-b:a", "64k"));
            }
            args.addAll(List.of("-t", "6", "-c:v", "libx264"));
            args.addAll(encoding);
            args.addAll(List.of("-pix_fmt", "yuv420p", "-g", "20", "-keyint_min", "20", "-sc_threshold", "0",
                    "-f", "segment", "-segment_time", "2", "-segment_format", "mpegts", dir.resolve("seg%03d.ts").toString()));
            ffmpeg(dir, args.toArray(String[]::new));
            Files.createFile(done);
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.getFileName().toString().endsWith(".ts")).sorted().forEach(out::add);
        }
        return out;
    }

    /** Where {@link #patternThenColour} turns from the moving pattern to the plain colour, seconds. */
    public static final int PATTERN_SECONDS = 6;

    /**
     * Six 2-second TS segments, 160x90 at 30 fps with B-frames and a tone: a moving test pattern
     * for the first {@link #PATTERN_SECONDS}, then a plain blue picture. Two ranges, one on each
     * side, look nothing alike: what a transition between them shows is the blend alone.
     */
    public static synchronized List<Path> patternThenColour() throws IOException, InterruptedException {
        Path dir = TestNode.projectRoot().resolve("target/test-media/pattern-then-colour");
        Path done = dir.resolve(".done");
        if (!Files.exists(done)) {
            Files.createDirectories(dir);
            ffmpeg(dir, "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=30:duration=" + PATTERN_SECONDS
                    + "[p];color=c=0x2050d0:size=160x90:rate=30:duration=6[c];[p][c]concat=n=2:v=1:a=0",
                    "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "12",
                    "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-g", "60", "-keyint_min", "60",
                    "-sc_threshold", "0", "-c:a", "aac", "-b:a", "64k",
                    "-f", "segment", "-segment_time", "2", "-segment_format", "mpegts", dir.resolve("seg%03d.ts").toString());
            Files.createFile(done);
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.getFileName().toString().endsWith(".ts")).sorted().forEach(out::add);
        }
        return out;
    }

    /** One segment file of a {@link Kind} and the duration text its playlist (or segmenter) gave it. */
    public record Segment(Path file, String duration) {
        public long durationMicros() {
            return Math.round(Double.parseDouble(duration) * 1_000_000);
        }
    }

    /**
     * Real-world shapes of recorded segments, each made once per build by ffmpeg (a moving test
     * pattern with a running timecode and a tone, 30 fps, AAC at 48 kHz), 24 s long.
     */
    public enum Kind {
        /** x264 with B-frames (its default), keyframe every 2 s, ffmpeg's segment muxer, 2 s segments. */
        BFRAMES_2S(true, "segment", 2),
        /** The same stream written by ffmpeg's HLS muxer, durations as its playlist gives them. */
        HLS_MUXER_2S(true, "hls", 2),
        /** 6 s segments, keyframes every 2 s. */
        SEGMENTS_6S(true, "segment", 6),
        /** An audio-only rendition (Twitch's {@code audio_only}): AAC alone, 2 s segments. */
        AUDIO_ONLY_2S(false, "segment", 2),
        /**
         * {@link #BFRAMES_2S} with a timed-ID3 data stream as Twitch sends it (stream_type 0x15, one
         * ID3v2.4 tag per segment at its first video PTS), added by {@link Id3Injector}.
         */
        TIMED_ID3_2S(true, "id3", 2);

        public final boolean video;
        final String muxer;
        public final int segmentSeconds;

        Kind(boolean video, String muxer, int segmentSeconds) {
            this.video = video;
            this.muxer = muxer;
            this.segmentSeconds = segmentSeconds;
        }
    }

    public static final int KIND_SECONDS = 24;

    /** The segments of a {@link Kind}, in order (made on first use, cached under {@code target/test-media}). */
    public static synchronized List<Segment> segments(Kind kind) throws IOException, InterruptedException {
        Path dir = TestNode.projectRoot().resolve("target/test-media/" + kind.name().toLowerCase(java.util.Locale.ROOT));
        Path done = dir.resolve(".done");
        if (!Files.exists(done) && kind.muxer.equals("id3")) {
            Files.createDirectories(dir);
            List<Segment> plain = segments(Kind.BFRAMES_2S);
            StringBuilder durations = new StringBuilder();
            for (int i = 0; i < plain.size(); i++) {
                Path name = plain.get(i).file().getFileName();
                Id3Injector.inject(plain.get(i).file(), dir.resolve(name), i);
                durations.append(name).append(' ').append(plain.get(i).duration()).append('\n');
            }
            Files.writeString(dir.resolve("durations.txt"), durations);
            Files.createFile(done);
        } else if (!Files.exists(done)) {
            Files.createDirectories(dir);
            List<String> args = new ArrayList<>();
            if (kind.video) {
                args.addAll(List.of("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=" + FPS));
            }
            args.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:beep_factor=4",
                    "-t", String.valueOf(KIND_SECONDS)));
            if (kind.video) {
                // preset veryfast keeps x264's B-frames (ultrafast has none)
                args.addAll(List.of("-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
                        "-g", String.valueOf(FPS * 2), "-keyint_min", String.valueOf(FPS * 2), "-sc_threshold", "0"));
            }
            args.addAll(List.of("-c:a", "aac", "-b:a", "64k"));
            if (kind.muxer.equals("hls")) {
                args.addAll(List.of("-f", "hls", "-hls_time", String.valueOf(kind.segmentSeconds), "-hls_list_size", "0",
                        "-hls_segment_filename", dir.resolve("seg%03d.ts").toString(), dir.resolve("index.m3u8").toString()));
            } else {
                args.addAll(List.of("-f", "segment", "-segment_time", String.valueOf(kind.segmentSeconds),
                        "-segment_format", "mpegts", "-segment_list", dir.resolve("index.m3u8").toString(),
                        dir.resolve("seg%03d.ts").toString()));
            }
            ffmpeg(dir, args.toArray(String[]::new));
            writeDurations(dir, kind);
            Files.createFile(done);
        }
        List<Segment> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("durations.txt"))) {
            String[] f = line.split(" ");
            out.add(new Segment(dir.resolve(f[0]), f[1]));
        }
        return out;
    }

    /** The colour (0xRRGGBB) of the left half of frame {@code k} of {@link #numberedFrames}, k < 64. */
    public static int frameColour(int k) {
        return ((k % 8) * 32 + 16) << 16 | (((k / 8) % 8) * 32 + 16) << 8 | 128;
    }

    /** How far apart two 0xRRGGBB colours are: the sum of the channels' differences. */
    public static int colourDistance(int a, int b) {
        return Math.abs((a >> 16 & 0xff) - (b >> 16 & 0xff)) + Math.abs((a >> 8 & 0xff) - (b >> 8 & 0xff))
                + Math.abs((a & 0xff) - (b & 0xff));
    }

    /** The frame number whose {@link #frameColour} is nearest to {@code rgb}. */
    public static int frameOfColour(int rgb) {
        int best = -1;
        int bestDistance = Integer.MAX_VALUE;
        for (int k = 0; k < 64; k++) {
            int c = frameColour(k);
            int d = Math.abs((c >> 16 & 0xff) - (rgb >> 16 & 0xff)) + Math.abs((c >> 8 & 0xff) - (rgb >> 8 & 0xff))
                    + Math.abs((c & 0xff) - (rgb & 0xff));
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best;
    }

    /**
     * Each segment's duration as the stream's own timestamps give it (the next segment's start
     * minus its own, video first), the last one as the playlist says; written next to the segments. The
     * segment muxer's playlist gives the first segment its B-frame delay on top (2.066667 s),
     * which no origin would put in a playlist.
     */
    private static void writeDurations(Path dir, Kind kind) throws IOException, InterruptedException {
        List<String> files = new ArrayList<>();
        List<String> listed = new ArrayList<>();
        String duration = null;
        for (String line : Files.readAllLines(dir.resolve("index.m3u8"))) {
            if (line.startsWith("#EXTINF:")) {
                duration = line.substring("#EXTINF:".length(), line.indexOf(','));
            } else if (!line.isBlank() && !line.startsWith("#")) {
                files.add(Path.of(line).getFileName().toString());
                listed.add(duration);
            }
        }
        List<Double> starts = new ArrayList<>();
        for (String f : files) {
            starts.add(Double.parseDouble(ffprobe("-select_streams", kind.video ? "v:0" : "a:0", "-show_entries",
                    "stream=start_time", "-of", "csv=p=0", dir.resolve(f).toString()).strip().lines().findFirst().orElseThrow()));
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < files.size(); i++) {
            String d = i + 1 < files.size()
                    ? String.format(java.util.Locale.ROOT, "%.6f", starts.get(i + 1) - starts.get(i)) : listed.get(i);
            out.append(files.get(i)).append(' ').append(d).append('\n');
        }
        Files.writeString(dir.resolve("durations.txt"), out);
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

package org.streamvault.cut;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Configuration of a {@link Cutter}.
 *
 * @param ffmpeg       the ffmpeg executable (a name on PATH or a path)
 * @param ffprobe      the ffprobe executable
 * @param tempDir      where temp files (smart-cut edges, mp4 spools) go; each cut makes and removes
 *                     its own sub-directory
 * @param mpegts       the encoding of {@link CutType#MPEGTS}
 * @param mp4          the encoding of {@link CutType#MP4}
 * @param killGrace    how long a closed cut's ffmpeg may take to exit after SIGTERM before SIGKILL
 * @param niceness     the {@code nice} increment the cut's ffmpeg and ffprobe run with (0: the
 *                     node's own priority): encodes are batch work, and the node's recording and
 *                     serving must not wait for them when the cores are busy
 */
public record CutSettings(String ffmpeg, String ffprobe, Path tempDir, Encoding mpegts, Encoding mp4,
        Duration killGrace, int niceness) {

    public CutSettings {
        if (niceness < 0 || niceness > 19) {
            throw new IllegalArgumentException("niceness must be 0 to 19, not " + niceness);
        }
    }

    /** Quality high enough to re-cut later, without spending minutes of CPU per minute of video. */
    public static final String DEFAULT_VIDEO_ARGS = "-c:v libx264 -preset veryfast -crf 20 -c:a aac -b:a 128k";

    /** ffmpeg and ffprobe from PATH, the system temp directory, the default encodings. */
    public static CutSettings defaults() {
        return new CutSettings("ffmpeg", "ffprobe", Path.of(System.getProperty("java.io.tmpdir")),
                new Encoding(Encoding.splitArgs(DEFAULT_VIDEO_ARGS), "mpegts", false),
                new Encoding(Encoding.splitArgs(DEFAULT_VIDEO_ARGS + " -movflags +faststart"), "mp4", true),
                Duration.ofSeconds(2), 0);
    }

    public CutSettings withTempDir(Path dir) {
        return new CutSettings(ffmpeg, ffprobe, dir, mpegts, mp4, killGrace, niceness);
    }

    /** {@code command} as it is started: behind {@code nice -n N} when {@link #niceness} is set. */
    java.util.List<String> launched(java.util.List<String> command) {
        if (niceness == 0) {
            return command;
        }
        java.util.List<String> out = new java.util.ArrayList<>(command.size() + 3);
        out.addAll(java.util.List.of("nice", "-n", Integer.toString(niceness)));
        out.addAll(command);
        return out;
    }
}

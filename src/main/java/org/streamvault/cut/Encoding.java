package org.streamvault.cut;

import java.util.List;

/**
 * How a full re-encode ({@link CutType#MPEGTS}, {@link CutType#MP4}, or a cutter job's upload
 * format) encodes: ffmpeg output arguments (codecs, quality; no {@code -f}, no output file), the
 * muxer, and whether the muxer needs a seekable output. A seekable output is spooled to a temp
 * file, streamed after ffmpeg exits; otherwise ffmpeg's stdout is streamed as it is produced.
 *
 * @param args                ffmpeg output options, e.g. {@code -c:v libx264 -crf 20 -c:a aac}
 * @param muxer               the ffmpeg format name given to {@code -f}, e.g. {@code mpegts}
 * @param needsSeekableOutput true for formats such as mp4 that rewrite the file's start
 */
public record Encoding(List<String> args, String muxer, boolean needsSeekableOutput) {
    public Encoding {
        args = List.copyOf(args);
        if (muxer == null || muxer.isBlank()) {
            throw new IllegalArgumentException("an encoding needs a muxer");
        }
    }

    /** Splits a configured argument string on whitespace (arguments never contain spaces here). */
    public static List<String> splitArgs(String text) {
        String trimmed = text == null ? "" : text.strip();
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
    }
}

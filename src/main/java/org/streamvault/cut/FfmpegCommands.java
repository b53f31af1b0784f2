package org.streamvault.cut;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.streamvault.segments.Timestamps;

/** The ffmpeg and ffprobe command lines of the cut types, built in one place so tests can read them. */
final class FfmpegCommands {
    private FfmpegCommands() {
    }

    /** ffmpeg quiet: errors only, no banner, never reads stdin. */
    static List<String> ffmpeg(String executable) {
        return new ArrayList<>(List.of(executable, "-hide_banner", "-loglevel", "error", "-nostdin"));
    }

    static List<String> probeStreams(String ffprobe, Path file) {
        return List.of(ffprobe, "-hide_banner", "-loglevel", "error", "-show_entries",
                "stream=index,codec_type,codec_name", "-of", "default=noprint_wrappers=1", input(file));
    }

    /**
     * Re-encodes one segment with its own codecs, keeping only {@code piece}'s part, as MPEG-TS
     * (to {@code output}: a file or {@code pipe:1}). Every stream keeps its index so the result
     * lines up with the untouched segments next to it; streams that are neither audio nor video
     * (timed ID3 on Twitch) are copied. {@code -ss}/{@code -t} are output options: ffmpeg decodes
     * from the segment's start and drops frames before the cut, which is exact to the frame.
     */
    static List<String> trimSegment(String ffmpeg, Piece piece, MediaStreams streams, String output) {
        List<String> cmd = ffmpeg(ffmpeg);
        cmd.addAll(List.of("-i", input(piece.segment().path())));
        for (MediaStreams.Stream s : streams.streams()) {
            boolean media = s.type().equals("video") || s.type().equals("audio");
            cmd.addAll(List.of("-map", "0:" + s.index(), "-c:" + s.index(), media ? s.codec() : "copy"));
        }
        if (piece.fromMicros() > 0) {
            cmd.addAll(List.of("-ss", seconds(piece.fromMicros())));
        }
        if (piece.toMicros() < piece.segment().durationMicros()) {
            cmd.addAll(List.of("-t", seconds(piece.keptMicros())));
        }
        cmd.addAll(List.of("-f", "mpegts", output));
        return cmd;
    }

    /** Joins the files of a concat list by stream copy, timestamps made continuous, as MPEG-TS on stdout. */
    static List<String> concatCopy(String ffmpeg, Path list) {
        List<String> cmd = ffmpeg(ffmpeg);
        cmd.addAll(List.of("-f", "concat", "-safe", "0", "-i", input(list), "-map", "0", "-c", "copy",
                "-f", "mpegts", "pipe:1"));
        return cmd;
    }

    /**
     * A full re-encode: one concat-demuxer input per range (its whole segments), each trimmed to
     * its range by the {@code trim}/{@code atrim} filters on the decoded frames (frame-exact;
     * input seeking on the concat demuxer is not), then joined by the {@code concat} filter.
     *
     * @param lists   the concat list of each range
     * @param trims   per range, {@code {offsetMicros, durationMicros}} on that range's concatenated timeline
     */
    static List<String> fullEncode(String ffmpeg, List<Path> lists, List<long[]> trims, boolean audio,
            Encoding encoding, String output) {
        List<String> cmd = ffmpeg(ffmpeg);
        for (Path list : lists) {
            cmd.addAll(List.of("-f", "concat", "-safe", "0", "-i", input(list)));
        }
        int n = lists.size();
        StringBuilder graph = new StringBuilder();
        StringBuilder joins = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String trim = "start=" + seconds(trims.get(i)[0]) + ":duration=" + seconds(trims.get(i)[1]);
            String v = n == 1 ? "v" : "v" + i;
            String a = n == 1 ? "a" : "a" + i;
            graph.append('[').append(i).append(":v:0]trim=").append(trim).append(",setpts=PTS-STARTPTS[").append(v).append("];");
            joins.append('[').append(v).append(']');
            if (audio) {
                graph.append('[').append(i).append(":a:0]atrim=").append(trim)
                        .append(",asetpts=PTS-STARTPTS[").append(a).append("];");
                joins.append('[').append(a).append(']');
            }
        }
        if (n > 1) {
            graph.append(joins).append("concat=n=").append(n).append(":v=1:a=").append(audio ? 1 : 0).append("[v]")
                    .append(audio ? "[a]" : "");
        } else {
            graph.setLength(graph.length() - 1);
        }
        cmd.addAll(List.of("-filter_complex", graph.toString(), "-map", "[v]"));
        if (audio) {
            cmd.addAll(List.of("-map", "[a]"));
        }
        cmd.addAll(encoding.args());
        cmd.addAll(List.of("-f", encoding.muxer(), output));
        return cmd;
    }

    /** A concat demuxer script naming {@code files} in order. */
    static String concatList(List<Path> files) {
        StringBuilder sb = new StringBuilder("ffconcat version 1.0\n");
        for (Path f : files) {
            // Inside single quotes only ' needs escaping: close, escaped quote, reopen.
            sb.append("file '").append(input(f).replace("'", "'\\''")).append("'\n");
        }
        return sb.toString();
    }

    /** Seconds with microsecond precision, as ffmpeg reads durations. */
    static String seconds(long micros) {
        return String.format(Locale.ROOT, "%d.%06d", micros / Timestamps.MICROS_PER_SECOND,
                micros % Timestamps.MICROS_PER_SECOND);
    }

    /**
     * An absolute {@code file:} URL: segment names contain ':' and a relative name would be read
     * as a protocol.
     */
    static String input(Path file) {
        return "file:" + file.toAbsolutePath();
    }
}

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
                "stream=index,codec_type,codec_name,id,r_frame_rate,sample_rate:program=program_num,pmt_pid", "-of", "default=noprint_wrappers=1",
                input(file));
    }

    /**
     * Re-encodes the edge of a run, one segment, with its own codecs and packet ids, keeping the
     * frames from {@code startPts} (inclusive) to {@code endPts} (exclusive), either -1 for "from
     * the segment's start" / "to its end", as MPEG-TS on the <em>source's own clock</em>
     * ({@code -copyts}, {@code -mpegts_copyts}): so the result continues into the untouched
     * segments next to it exactly as the segment itself would. The {@code trim}/{@code atrim}
     * filters work on decoded frames, which is exact to the frame. Only audio and video are kept:
     * data streams (timed ID3) cannot be trimmed and would carry stale timestamps.
     *
     * <p>Decode times run ahead of presentation times by the encoder's reordering delay; at a join
     * they only stay increasing when both sides have the same delay. So the edge is encoded with
     * the source's: {@code reorderFrames} 0 is {@code -bf 0}, 1 is {@code -bf 1}, 2 or more the
     * encoder's default (x264: B-frames with pyramid, a delay of 2).
     */
    static List<String> trimEdge(String ffmpeg, Path segment, MediaStreams streams, long startPts, long endPts,
            int reorderFrames, String output) {
        return trimEdge(ffmpeg, input(segment), streams, startPts, endPts, reorderFrames, output);
    }

    /** {@link #trimEdge(String, Path, MediaStreams, long, long, int, String)} of an input URL ({@link #concat}). */
    static List<String> trimEdge(String ffmpeg, String segment, MediaStreams streams, long startPts, long endPts,
            int reorderFrames, String output) {
        List<String> cmd = ffmpeg(ffmpeg);
        cmd.addAll(List.of("-copyts", "-i", segment));
        String window = (startPts >= 0 ? "start=" + pts(startPts) : "")
                + (startPts >= 0 && endPts >= 0 ? ":" : "") + (endPts >= 0 ? "end=" + pts(endPts) : "");
        StringBuilder graph = new StringBuilder();
        for (String type : List.of("video", "audio")) {
            MediaStreams.Stream s = streams.first(type).orElse(null);
            if (s != null) {
                graph.append(graph.isEmpty() ? "" : ";").append("[0:").append(s.index()).append(']')
                        .append(type.equals("video") ? "trim=" : "atrim=").append(window).append('[')
                        .append(type.charAt(0)).append(']');
            }
        }
        cmd.addAll(List.of("-filter_complex", graph.toString()));
        cmd.addAll(sourceEncoding(streams, reorderFrames));
        cmd.addAll(List.of("-mpegts_copyts", "1", "-f", "mpegts", output));
        return cmd;
    }

    /**
     * The outputs {@code [v]} and {@code [a]} (as the source has them) encoded with the source's own
     * codecs, packet ids and program, the video with the source's reordering delay (see
     * {@link #trimEdge(String, Path, MediaStreams, long, long, int, String)}): so the result joins
     * untouched segments of the same stream.
     */
    private static List<String> sourceEncoding(MediaStreams streams, int reorderFrames) {
        List<String> args = new ArrayList<>();
        int out = 0;
        for (String type : List.of("video", "audio")) {
            MediaStreams.Stream s = streams.first(type).orElse(null);
            if (s == null) {
                continue;
            }
            args.addAll(List.of("-map", "[" + type.charAt(0) + "]", "-c:" + out, s.codec()));
            if (type.equals("video") && reorderFrames < 2) {
                args.addAll(List.of("-bf:" + out, Integer.toString(reorderFrames)));
            }
            if (s.pid() > 0) {
                args.addAll(List.of("-streamid", out + ":" + s.pid()));
            }
            out++;
        }
        if (streams.pmtPid() >= 0x10 && streams.pmtPid() < 0x1f00) {
            args.addAll(List.of("-mpegts_pmt_start_pid", Integer.toString(streams.pmtPid())));
        }
        if (streams.serviceId() > 0) {
            args.addAll(List.of("-mpegts_service_id", Integer.toString(streams.serviceId())));
        }
        return args;
    }

    /**
     * The re-encoded stretch around one or more transitions of a fast cut: clips of the inputs
     * (each a run's segments as one byte stream, {@link #concat}) joined as {@link JoinGraph}
     * says, encoded like an edge ({@link #sourceEncoding}), as MPEG-TS whose video starts at
     * {@code videoBase} and audio at {@code audioBase} (ticks), for the cut to re-time into place.
     *
     * @param leadAudio see {@link JoinGraph#build}
     */
    static List<String> transitionBlock(String ffmpeg, List<String> inputs, List<JoinGraph.Clip> clips,
            List<JoinGraph.Join> joins, MediaStreams streams, boolean leadAudio, long videoBase, long audioBase,
            int reorderFrames, String output) {
        List<String> cmd = ffmpeg(ffmpeg);
        cmd.add("-copyts");
        for (String in : inputs) {
            cmd.addAll(List.of("-i", in));
        }
        cmd.addAll(List.of("-filter_complex", JoinGraph.build(clips, joins, streams.has("video"), streams.has("audio"),
                leadAudio && streams.has("video") && streams.has("audio"), videoBase, audioBase)));
        cmd.addAll(sourceEncoding(streams, reorderFrames));
        cmd.addAll(List.of("-mpegts_copyts", "1", "-f", "mpegts", output));
        return cmd;
    }

    /**
     * Stream copy of MPEG-TS from stdin to stdout: fresh packetizing, the timestamps as they come,
     * from zero. Video and audio only: a timed-ID3 data stream (Twitch) would come out corrupt, as
     * ffmpeg 5.1's demuxer takes the first 5 bytes of every stream_type 0x15 PES for a metadata
     * access unit header and so cuts "ID3" and the version off each tag.
     */
    static List<String> remuxCopy(String ffmpeg) {
        List<String> cmd = ffmpeg(ffmpeg);
        cmd.addAll(List.of("-f", "mpegts", "-i", "pipe:0", "-map", "0:v?", "-map", "0:a?", "-c", "copy", "-f", "mpegts",
                "pipe:1"));
        return cmd;
    }

    /**
     * A full re-encode: one MPEG-TS input per run (its segments as one byte stream, so the
     * stream's own timestamps carry it through every segment join), read on the source clock
     * ({@code -copyts}) and trimmed by the {@code trim}/{@code atrim} filters on the decoded frames
     * (frame-exact), each run's timeline restarted at zero and the runs joined by the
     * {@code concat} filter. Video, audio or both, as the source has them (Twitch's
     * {@code audio_only} has no video).
     *
     * @param inputs the byte stream of each run (a FIFO)
     * @param windows per run, {@code {startPts, endPts}} on the source clock
     */
    static List<String> fullEncode(String ffmpeg, List<Path> inputs, List<long[]> windows, boolean video, boolean audio,
            Encoding encoding, String output) {
        return fullEncode(ffmpeg, inputs, windows, java.util.Collections.nCopies(inputs.size() - 1, null), video, audio,
                encoding, output);
    }

    /**
     * {@link #fullEncode(String, List, List, boolean, boolean, Encoding, String)} with the runs
     * joined as {@code joins} says (one per pair of runs, null for a hard cut): with a transition
     * among them the graph is a {@link JoinGraph}, otherwise one {@code concat}.
     */
    static List<String> fullEncode(String ffmpeg, List<Path> inputs, List<long[]> windows, List<JoinGraph.Join> joins,
            boolean video, boolean audio, Encoding encoding, String output) {
        List<String> cmd = ffmpeg(ffmpeg);
        cmd.add("-copyts");
        for (Path in : inputs) {
            cmd.addAll(List.of("-f", "mpegts", "-i", input(in)));
        }
        if (joins.stream().anyMatch(j -> j != null)) {
            List<JoinGraph.Clip> clips = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                clips.add(new JoinGraph.Clip(i, windows.get(i)[0], windows.get(i)[1]));
            }
            cmd.addAll(List.of("-filter_complex", JoinGraph.build(clips, joins, video, audio, false, -1, -1)));
            return mapAndEncode(cmd, video, audio, encoding, output);
        }
        int n = inputs.size();
        StringBuilder graph = new StringBuilder();
        StringBuilder concatInputs = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String trim = "start=" + pts(windows.get(i)[0]) + ":end=" + pts(windows.get(i)[1]);
            if (video) {
                String v = n == 1 ? "v" : "v" + i;
                graph.append('[').append(i).append(":v:0]trim=").append(trim)
                        .append(",setpts=PTS-STARTPTS[").append(v).append("];");
                concatInputs.append('[').append(v).append(']');
            }
            if (audio) {
                String a = n == 1 ? "a" : "a" + i;
                graph.append('[').append(i).append(":a:0]atrim=").append(trim)
                        .append(",asetpts=PTS-STARTPTS[").append(a).append("];");
                concatInputs.append('[').append(a).append(']');
            }
        }
        if (n > 1) {
            graph.append(concatInputs).append("concat=n=").append(n).append(":v=").append(video ? 1 : 0)
                    .append(":a=").append(audio ? 1 : 0).append(video ? "[v]" : "").append(audio ? "[a]" : "");
        } else {
            graph.setLength(graph.length() - 1);
        }
        cmd.addAll(List.of("-filter_complex", graph.toString()));
        return mapAndEncode(cmd, video, audio, encoding, output);
    }

    private static List<String> mapAndEncode(List<String> cmd, boolean video, boolean audio, Encoding encoding,
            String output) {
        if (video) {
            cmd.addAll(List.of("-map", "[v]"));
        }
        if (audio) {
            cmd.addAll(List.of("-map", "[a]"));
        }
        cmd.addAll(encoding.args());
        cmd.addAll(List.of("-f", encoding.muxer(), output));
        return cmd;
    }

    /**
     * A source-clock timestamp as the seconds {@code trim} compares frames with, half a tick early:
     * a frame exactly at a window's start is kept, one exactly at its end is not, whatever the
     * rounding of the printed decimals.
     */
    static String pts(long ticks) {
        return String.format(Locale.ROOT, "%.6f", (ticks - 0.5) / MpegTs.CLOCK);
    }

    /** Seconds with microsecond precision, as ffmpeg reads durations. */
    static String seconds(long micros) {
        return String.format(Locale.ROOT, "%d.%06d", micros / Timestamps.MICROS_PER_SECOND,
                micros % Timestamps.MICROS_PER_SECOND);
    }

    /** Files read one after the other as one byte stream ({@code concat:} protocol). */
    static String concat(List<Path> files) {
        StringBuilder url = new StringBuilder("concat:");
        for (Path f : files) {
            url.append(url.length() == 7 ? "" : "|").append(input(f));
        }
        return url.toString();
    }

    /**
     * An absolute {@code file:} URL: segment names contain ':' and a relative name would be read
     * as a protocol.
     */
    static String input(Path file) {
        return "file:" + file.toAbsolutePath();
    }
}

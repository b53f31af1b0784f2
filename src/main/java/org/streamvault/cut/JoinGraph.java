package org.streamvault.cut;

import java.util.List;
import java.util.Locale;

/**
 * An ffmpeg filter graph that plays clips back to back: each clip a window of one input on that
 * input's own clock, trimmed on the decoded frames (frame-exact) and started at zero, each joined
 * to the next by a hard cut ({@code concat}) or a transition ({@code xfade} for video,
 * {@code acrossfade} for audio, over the same span). Its outputs are labelled {@code [v]} and
 * {@code [a]}.
 *
 * <p>A transition of {@code d} starts {@code d} before the end of what came before it, so the
 * result lasts the clips added up minus every transition. {@code acrossfade} times its output
 * from zero whatever its inputs say, and {@code xfade} from its first input's start: so every clip
 * starts at zero and any clock the caller wants is set on the outputs, at the end. Video stays on
 * MPEG-TS' 1/90000 time base throughout: {@code concat} answers in microseconds, which
 * {@code xfade} refuses next to an input on another time base, and which would round its frames.
 */
final class JoinGraph {
    /** A window {@code [startPts, endPts)} of input {@code input}, in 90 kHz ticks on its clock. */
    record Clip(int input, long startPts, long endPts) {
        long length() {
            return endPts - startPts;
        }
    }

    /** A transition with its duration in 90 kHz ticks (whole frames). */
    record Join(String name, long ticks) {
    }

    private JoinGraph() {
    }

    /**
     * The graph.
     *
     * @param joins     one per pair of consecutive clips, null for a hard cut
     * @param leadAudio when true, the audio of the first clip's input from its very start up to the
     *                  clip's start (audio muxed ahead of the first video frame, which belongs to
     *                  the stretch before) is put in front of the audio
     * @param videoBase where the video output starts, ticks; -1 to leave it at zero
     * @param audioBase where the audio output starts, ticks; -1 to leave it at zero
     */
    static String build(List<Clip> clips, List<Join> joins, boolean video, boolean audio, boolean leadAudio,
            long videoBase, long audioBase) {
        if (joins.size() != clips.size() - 1) {
            throw new IllegalArgumentException(clips.size() + " clips need " + (clips.size() - 1) + " joins");
        }
        StringBuilder graph = new StringBuilder();
        if (video) {
            chain(graph, clips, joins, true, videoBase);
        }
        if (audio) {
            if (leadAudio) {
                Clip first = clips.get(0);
                graph.append('[').append(first.input()).append(":a:0]atrim=end=").append(FfmpegCommands.pts(first.startPts()))
                        .append(",asetpts=PTS-STARTPTS[alead];");
            }
            chain(graph, clips, joins, false, leadAudio ? -2 : audioBase);
            if (leadAudio) {
                graph.append("[alead][amain]concat=n=2:v=0:a=1").append(rebase(false, audioBase)).append("[a];");
            }
        }
        graph.setLength(graph.length() - 1);
        return graph.toString();
    }

    /**
     * One stream's chain. {@code base} -2 labels the result {@code [amain]} without a rebase (the
     * lead audio still goes in front).
     */
    private static void chain(StringBuilder graph, List<Clip> clips, List<Join> joins, boolean video, long base) {
        String kind = video ? "v" : "a";
        for (int i = 0; i < clips.size(); i++) {
            Clip c = clips.get(i);
            graph.append('[').append(c.input()).append(':').append(kind).append(":0]").append(video ? "trim" : "atrim")
                    .append("=start=").append(FfmpegCommands.pts(c.startPts())).append(":end=")
                    .append(FfmpegCommands.pts(c.endPts())).append(video ? ",setpts=PTS-STARTPTS[" : ",asetpts=PTS-STARTPTS[")
                    .append(kind).append(i).append("];");
        }
        String current = kind + "0";
        long length = clips.get(0).length();
        for (int i = 1; i < clips.size(); i++) {
            Join join = joins.get(i - 1);
            String next = kind + i;
            String joined = kind + "j" + i;
            graph.append('[').append(current).append("][").append(next).append(']');
            if (join == null) {
                graph.append("concat=n=2:v=").append(video ? 1 : 0).append(":a=").append(video ? 0 : 1)
                        .append(video ? ",settb=1/" + MpegTs.CLOCK : "");
            } else if (video) {
                graph.append("xfade=transition=").append(join.name()).append(":duration=").append(seconds(join.ticks()))
                        .append(":offset=").append(seconds(length - join.ticks()));
            } else {
                graph.append("acrossfade=d=").append(seconds(join.ticks())).append(":c1=tri:c2=tri");
            }
            graph.append('[').append(joined).append("];");
            length += clips.get(i).length() - (join == null ? 0 : join.ticks());
            current = joined;
        }
        String out = base == -2 ? "amain" : kind;
        graph.append('[').append(current).append(']');
        String rebase = base == -2 ? "" : rebase(video, base);
        graph.append(rebase.isEmpty() ? (video ? "null" : "anull") : rebase.substring(1)).append('[').append(out).append("];");
    }

    /** {@code ,setpts=PTS+...} moving a stream that starts at zero to {@code base}; empty for -1. */
    private static String rebase(boolean video, long base) {
        if (base < 0) {
            return "";
        }
        return (video ? ",setpts" : ",asetpts") + "=PTS+" + seconds(base) + "/TB";
    }

    private static String seconds(long ticks) {
        return String.format(Locale.ROOT, "%.6f", ticks / (double) MpegTs.CLOCK);
    }
}

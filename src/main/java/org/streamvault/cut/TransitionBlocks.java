package org.streamvault.cut;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a fast cut re-encodes for its transitions: around each one, the pieces of the runs before
 * it that hold its last {@code d} of video, and of the runs after it that hold its first {@code d}
 * (whole segments, so the copied segments next to them still start on a keyframe). Pieces marked
 * for consecutive transitions that touch (a range shorter than its transitions' segments) make one
 * block, encoded in one ffmpeg.
 */
final class TransitionBlocks {
    /** The pieces {@code from..to} (inclusive) of run {@code run}. */
    record Share(int run, int from, int to) {
    }

    /**
     * How much more than the transition a block reaches into the run after it. The audio of a
     * segment's last moments is muxed into the next segment's file, ahead of its keyframe, and is
     * copied with it; a block ending on a segment boundary inside a run has that much less audio
     * than video, and {@code acrossfade} needs its whole span of audio from the second range.
     * Half a second covers ffmpeg's audio packets (several AAC frames each) with room to spare.
     */
    static final long AUDIO_AHEAD_TICKS = MpegTs.CLOCK / 2;

    private TransitionBlocks() {
    }

    /**
     * Per run, per piece, whether it is re-encoded in a block.
     *
     * @throws CutFailedException when the recording next to a transition is shorter than it (holes)
     */
    static boolean[][] marks(CutPlan plan) throws CutFailedException {
        List<Run> runs = plan.runs();
        boolean[][] marked = new boolean[runs.size()][];
        for (int r = 0; r < runs.size(); r++) {
            marked[r] = new boolean[runs.get(r).pieces().size()];
        }
        for (int r = 0; r + 1 < runs.size(); r++) {
            long overlap = plan.overlapAfter(r);
            if (overlap == 0) {
                continue;
            }
            long need = overlap;
            for (int q = r; q >= 0 && need > 0; q--) {
                Run run = runs.get(q);
                for (int i = run.pieces().size() - 1; i >= 0 && need > 0; i--) {
                    marked[q][i] = true;
                    need -= run.pieceEnd(i) - run.pieceStart(i);
                }
            }
            long needAfter = overlap + AUDIO_AHEAD_TICKS;
            // past the first run only for video still missing: a run's end brings all its audio
            for (int q = r + 1; q < runs.size() && (q == r + 1 || needAfter > AUDIO_AHEAD_TICKS); q++) {
                Run run = runs.get(q);
                for (int i = 0; i < run.pieces().size() && needAfter > 0; i++) {
                    marked[q][i] = true;
                    needAfter -= run.pieceEnd(i) - run.pieceStart(i);
                }
            }
            if (need > 0 || needAfter > AUDIO_AHEAD_TICKS) {
                throw new CutFailedException("a transition of " + FfmpegCommands.seconds(overlap * 100 / 9)
                        + " s is longer than the recording next to it");
            }
        }
        return marked;
    }

    /** Whether the block containing piece {@code i} of run {@code r} starts there. */
    static boolean startsAt(boolean[][] marked, int r, int i) {
        if (!marked[r][i]) {
            return false;
        }
        if (i > 0) {
            return !marked[r][i - 1];
        }
        return r == 0 || !marked[r - 1][marked[r - 1].length - 1];
    }

    /** The block starting at piece {@code i} of run {@code r}: its consecutive marked pieces, run by run. */
    static List<Share> at(boolean[][] marked, int r, int i) {
        List<Share> out = new ArrayList<>();
        int from = i;
        for (int q = r; q < marked.length; q++) {
            int to = from;
            while (to + 1 < marked[q].length && marked[q][to + 1]) {
                to++;
            }
            out.add(new Share(q, from, to));
            boolean continues = to == marked[q].length - 1 && q + 1 < marked.length && marked[q + 1][0];
            if (!continues) {
                break;
            }
            from = 0;
        }
        return out;
    }

    /**
     * The ffmpeg of one transition block: per run it touches, the run's pieces in the block as one
     * byte stream (with the run's follower when the block reaches the run's end), cut and joined as
     * the plan says, video starting at {@code base} (ticks), with the streams of its first segment. A block that starts inside a run also
     * takes the audio muxed at its first segment's start ahead of the keyframe, which belongs to
     * the copied segment before it.
     */
    static List<String> command(String ffmpeg, CutPlan plan, List<Share> block, MediaStreams streams, long base, Path file)
            throws IOException {
        List<String> inputs = new ArrayList<>();
        List<JoinGraph.Clip> clips = new ArrayList<>();
        List<JoinGraph.Join> joins = new ArrayList<>();
        for (Share share : block) {
            Run run = plan.runs().get(share.run());
            List<Path> files = new ArrayList<>();
            for (int i = share.from(); i <= share.to(); i++) {
                files.add(run.pieces().get(i).segment().path());
            }
            if (share.to() == run.pieces().size() - 1 && run.follower() != null) {
                files.add(run.follower().path());
            }
            if (!clips.isEmpty()) {
                joins.add(plan.joins().get(share.run() - 1));
            }
            clips.add(new JoinGraph.Clip(inputs.size(), run.pieceStart(share.from()), run.pieceEnd(share.to())));
            inputs.add(FfmpegCommands.concat(files));
        }
        Share first = block.get(0);
        Run run = plan.runs().get(first.run());
        Piece piece = run.pieces().get(first.from());
        long lead = 0;
        if (first.from() > 0) {
            long audio = MpegTs.firstAudioPts(piece.segment().path());
            lead = audio < 0 ? 0 : Math.max(0, MpegTs.delta(audio, run.firstPts().get(first.from())));
        }
        return FfmpegCommands.transitionBlock(ffmpeg, inputs, clips, joins, streams, lead > 0, base, base - lead,
                run.reorderFrames(), FfmpegCommands.input(file));
    }
}

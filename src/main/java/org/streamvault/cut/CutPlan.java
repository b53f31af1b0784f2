package org.streamvault.cut;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.streamvault.segments.Segment;

/**
 * A cut's {@link Run}s in order and how each passes into the next: {@code joins.get(r)} joins run
 * {@code r} to run {@code r + 1}, null for a hard cut (always between runs of one range, across a
 * hole or a restart of the stream), else the request's transition between their ranges, its
 * length on the frame grid.
 */
record CutPlan(List<Run> runs, List<JoinGraph.Join> joins) {
    CutPlan {
        runs = List.copyOf(runs);
        joins = java.util.Collections.unmodifiableList(new ArrayList<>(joins));
        if (joins.size() != Math.max(0, runs.size() - 1)) {
            throw new IllegalArgumentException(runs.size() + " runs need " + (runs.size() - 1) + " joins");
        }
    }

    /** How long the transition after run {@code r} overlaps it with the next, ticks (0 for a hard cut or the last run). */
    long overlapAfter(int r) {
        return r >= joins.size() || joins.get(r) == null ? 0 : joins.get(r).ticks();
    }

    /**
     * Per run, what to add to its source timestamps to put it in place in a cut starting at
     * {@code start}: each run starts where the previous one ends, less their transition's overlap.
     */
    long[] offsets(long start) {
        long[] out = new long[runs.size()];
        long position = start;
        for (int r = 0; r < runs.size(); r++) {
            out[r] = position - runs.get(r).startPts();
            position += runs.get(r).lengthTicks() - overlapAfter(r);
        }
        return out;
    }

    /**
     * The runs of a cut's pieces (per range, its contiguous groups: {@link Piece#contiguous}) and
     * their joins. Transitions are rounded to whole frames, so video and audio overlap by the same
     * span. A range that ends on a segment's end gets that segment's follower ({@link Run#follower}).
     */
    static CutPlan of(List<List<List<Piece>>> ranges, CutRequest request, Run.FrameLength frames) throws IOException {
        List<Run> runs = new ArrayList<>();
        List<JoinGraph.Join> joins = new ArrayList<>();
        int previousRange = -1;
        for (int i = 0; i < ranges.size(); i++) {
            if (ranges.get(i).isEmpty()) {
                continue;
            }
            List<Run> planned = Run.plan(ranges.get(i), frames);
            for (int k = 0; k < planned.size(); k++) {
                if (!runs.isEmpty()) {
                    Transition t = k == 0 && previousRange == i - 1 ? request.before(i) : null;
                    long frame = frames.ticks(planned.get(0).pieces().get(0));
                    joins.add(t == null ? null : new JoinGraph.Join(t.name(), onFrames(MpegTs.ticks(t.durationMicros()), frame)));
                }
                runs.add(withFollower(planned.get(k)));
            }
            previousRange = i;
        }
        return new CutPlan(runs, joins);
    }

    private static Run withFollower(Run run) throws IOException {
        Segment next = run.endsOnBoundary() ? Cutter.follower(run.pieces().get(run.pieces().size() - 1).segment()) : null;
        long[] stamps = next == null ? null : MpegTs.firstTimestamps(next.path());
        return stamps == null ? run : run.withFollower(next, stamps);
    }

    /** {@code ticks} to the nearest whole number of frames, at least one. */
    private static long onFrames(long ticks, long frame) {
        return frame <= 0 ? ticks : Math.max(frame, Math.round((double) ticks / frame) * frame);
    }
}

package org.streamvault.cut;

import java.util.List;

/**
 * A cut's {@link Run}s in order and how each passes into the next: {@code joins.get(r)} joins run
 * {@code r} to run {@code r + 1}, null for a hard cut (always between runs of one range, across a
 * hole or a restart of the stream), else the request's transition between their ranges, its
 * length on the frame grid.
 */
record CutPlan(List<Run> runs, List<JoinGraph.Join> joins) {
    CutPlan {
        runs = List.copyOf(runs);
        joins = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(joins));
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
}

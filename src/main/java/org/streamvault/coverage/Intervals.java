package org.streamvault.coverage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.streamvault.segments.BestSegments;
import org.streamvault.segments.Segment;

/**
 * The union of some segments' time spans, as sorted disjoint {@code [start, end)} intervals in
 * microseconds. Gaps up to {@link BestSegments#TOLERANCE_MICROS} are joined, as selection
 * treats them: origins round durations, and a 1 ms seam is not missing video.
 */
final class Intervals {
    private final long[] starts;
    private final long[] ends;

    private Intervals(long[] starts, long[] ends) {
        this.starts = starts;
        this.ends = ends;
    }

    static Intervals of(List<Segment> segments) {
        List<Segment> sorted = new ArrayList<>(segments);
        sorted.sort((a, b) -> Long.compare(a.startMicros(), b.startMicros()));
        long[] s = new long[sorted.size()];
        long[] e = new long[sorted.size()];
        int n = 0;
        for (Segment seg : sorted) {
            if (seg.durationMicros() <= 0) {
                continue;
            }
            if (n > 0 && seg.startMicros() <= e[n - 1] + BestSegments.TOLERANCE_MICROS) {
                e[n - 1] = Math.max(e[n - 1], seg.endMicros());
            } else {
                s[n] = seg.startMicros();
                e[n] = seg.endMicros();
                n++;
            }
        }
        return new Intervals(Arrays.copyOf(s, n), Arrays.copyOf(e, n));
    }

    /** Microseconds of {@code [from, to)} inside the union. */
    long covered(long from, long to) {
        long total = 0;
        for (int i = firstEndingAfter(from); i < starts.length && starts[i] < to; i++) {
            total += Math.min(ends[i], to) - Math.max(starts[i], from);
        }
        return total;
    }

    /** True when one interval holds all of {@code [from, to)}. */
    boolean coversFully(long from, long to) {
        int i = firstEndingAfter(from);
        return i < starts.length && starts[i] <= from && ends[i] >= to;
    }

    /** True when some interval overlaps {@code [from, to)}. */
    boolean intersects(long from, long to) {
        int i = firstEndingAfter(from);
        return i < starts.length && starts[i] < to;
    }

    /** Index of the first interval whose end is after {@code t} (binary search). */
    private int firstEndingAfter(long t) {
        int lo = 0;
        int hi = ends.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ends[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}

package org.streamvault.segments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Best-segment selection: from the candidates on disk, the best sequence of non-overlapping
 * segments covering a time range, with explicit {@link Hole}s.
 *
 * <p><b>Best per start.</b> Among candidates with the same start time: a {@code full} one;
 * among several fulls, the longest duration, then the largest file, then the highest hash
 * (compared as bytes), so every node picks the same one. With no full: {@code suspect} over
 * {@code partial}, then the largest file, then the lowest file name. {@code temp} is never
 * chosen: it may vanish before it is read.
 *
 * <p><b>Walking a range {@code [start, end)}.</b> The first segment may start before
 * {@code start} but must contain it ({@code seg.start <= start < seg.end}); if the first
 * segment found starts after {@code start}, a leading hole comes first. Then, in start order:
 * a segment starting more than 10 ms before the previous one ends overlaps it and is skipped;
 * a gap of more than 10 ms, or a suspect/partial previous segment, puts a hole between them.
 * The walk stops at the first segment reaching {@code end}. A trailing hole is added when the
 * last segment is not full, ends before {@code end}, or nothing was found.
 *
 * <p><b>Worked example.</b> Range 10–60 s with 10 s full segments at 5–15, 15–25, 30–40 and
 * 40–50 gives {@code [5–15, 15–25, HOLE(25–30), 30–40, 40–50, HOLE(50–60)]}.
 *
 * <p>Inputs are never modified or sorted in place; any {@link Iterable} is accepted, and is
 * read lazily so that a fail-fast or an early end stops reading hours it no longer needs.
 */
public final class BestSegments {
    /** Gaps and overlaps up to this size are rounding noise from origins, not discontinuities. */
    public static final long TOLERANCE_MICROS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(BestSegments.class);
    private static final RateLimitedLog OVERLAP_LOG = new RateLimitedLog(60_000);
    private static final Comparator<Segment> BY_START = Comparator.comparingLong(Segment::startMicros);

    private BestSegments() {
    }

    /**
     * The best candidate for each distinct start time, in start order. {@code temp} candidates
     * are ignored; a start with only temps yields nothing.
     */
    public static List<Segment> bestPerStart(Iterable<Segment> candidates) {
        List<Segment> kept = new ArrayList<>();
        for (Segment s : candidates) {
            if (s.type() != SegmentType.TEMP) {
                kept.add(s);
            }
        }
        Segment[] sorted = sortedByStart(kept);
        List<Segment> best = new ArrayList<>(sorted.length);
        int i = 0;
        while (i < sorted.length) {
            int j = i + 1;
            long start = sorted[i].startMicros();
            while (j < sorted.length && sorted[j].startMicros() == start) {
                j++;
            }
            best.add(j == i + 1 ? sorted[i] : bestOf(Arrays.asList(sorted).subList(i, j)));
            i = j;
        }
        return best;
    }

    /**
     * Sorts by start. Listings are in hash order, and this is the hottest loop of a cold
     * selection, so when the starts span less than ~2^42 µs (52 days: always, for one hour)
     * it sorts packed primitive keys, relative start and index, instead of objects.
     */
    private static Segment[] sortedByStart(List<Segment> segments) {
        int n = segments.size();
        Segment[] out = segments.toArray(new Segment[0]);
        if (n < 2) {
            return out;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (Segment s : out) {
            min = Math.min(min, s.startMicros());
            max = Math.max(max, s.startMicros());
        }
        if (max - min >= (1L << 42) || n >= (1 << 21)) {
            Arrays.sort(out, BY_START);
            return out;
        }
        long[] keys = new long[n];
        for (int k = 0; k < n; k++) {
            keys[k] = ((out[k].startMicros() - min) << 21) | k;
        }
        Arrays.sort(keys);
        Segment[] sorted = new Segment[n];
        for (int k = 0; k < n; k++) {
            sorted[k] = out[(int) (keys[k] & ((1 << 21) - 1))];
        }
        return sorted;
    }

    /** The best of candidates that share a start time (none of them temp). */
    static Segment bestOf(List<Segment> sameStart) {
        Segment best = null;
        for (Segment s : sameStart) {
            if (best == null || better(s, best)) {
                best = s;
            }
        }
        return best;
    }

    private static boolean better(Segment a, Segment b) {
        boolean aFull = a.type() == SegmentType.FULL;
        boolean bFull = b.type() == SegmentType.FULL;
        if (aFull != bFull) {
            return aFull;
        }
        if (aFull) {
            if (a.durationMicros() != b.durationMicros()) {
                return a.durationMicros() > b.durationMicros();
            }
            if (a.size() != b.size()) {
                return a.size() > b.size();
            }
            return Arrays.compareUnsigned(SegmentHash.decode(a.name().hash()), SegmentHash.decode(b.name().hash())) > 0;
        }
        boolean aSuspect = a.type() == SegmentType.SUSPECT;
        boolean bSuspect = b.type() == SegmentType.SUSPECT;
        if (aSuspect != bSuspect) {
            return aSuspect;
        }
        if (a.size() != b.size()) {
            return a.size() > b.size();
        }
        return a.name().fileName().compareTo(b.name().fileName()) < 0;
    }

    /**
     * Selects the best sequence for {@code [startMicros, endMicros)}.
     *
     * @param hours      per hour, in hour order, that hour's {@link #bestPerStart} list; the
     *                   hour before the range's start hour must be included, since a segment
     *                   starting there may contain the range start
     * @param allowHoles when false, throw at the first hole instead of recording it
     * @throws ContainsHolesException only when {@code allowHoles} is false and a hole is found
     */
    public static Selection select(Iterable<? extends List<Segment>> hours, long startMicros, long endMicros,
            boolean allowHoles) throws ContainsHolesException {
        if (endMicros <= startMicros) {
            throw new IllegalArgumentException("end must be after start");
        }
        List<SelectionEntry> result = new ArrayList<>();
        Segment last = null;
        hourLoop:
        for (List<Segment> hour : hours) {
            for (Segment segment : hour) {
                if (last == null) {
                    if (segment.startMicros() <= startMicros && startMicros < segment.endMicros()) {
                        result.add(segment);
                    } else if (startMicros < segment.startMicros() && segment.startMicros() < endMicros) {
                        addHole(result, startMicros, segment.startMicros(), allowHoles);
                        result.add(segment);
                    } else {
                        continue;
                    }
                } else {
                    long prevEnd = last.endMicros();
                    if (segment.startMicros() < prevEnd - TOLERANCE_MICROS) {
                        logOverlap(segment, last);
                        continue;
                    }
                    if (last.type().isIncomplete() || segment.startMicros() > prevEnd + TOLERANCE_MICROS) {
                        addHole(result, prevEnd, segment.startMicros(), allowHoles);
                    }
                    result.add(segment);
                }
                last = segment;
                if (endMicros <= segment.endMicros()) {
                    break hourLoop;
                }
            }
        }
        if (last == null || last.type().isIncomplete() || last.endMicros() < endMicros) {
            addHole(result, last == null ? startMicros : last.endMicros(), endMicros, allowHoles);
        }
        return new Selection(result);
    }

    private static void addHole(List<SelectionEntry> result, long from, long to, boolean allowHoles)
            throws ContainsHolesException {
        Hole hole = new Hole(from, Math.max(from, to));
        if (!allowHoles) {
            throw new ContainsHolesException("range contains a " + hole);
        }
        result.add(hole);
    }

    private static void logOverlap(Segment segment, Segment previous) {
        if (LOG.isInfoEnabled()) {
            OVERLAP_LOG.log(LOG::info, "skipping overlapping segment " + segment + ": starts before " + previous + " ends");
        }
    }
}

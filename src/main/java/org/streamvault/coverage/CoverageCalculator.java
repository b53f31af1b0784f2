package org.streamvault.coverage;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.streamvault.segments.BestSegments;
import org.streamvault.segments.ContainsHolesException;
import org.streamvault.segments.Hole;
import org.streamvault.segments.InvalidSegmentNameException;
import org.streamvault.segments.Segment;
import org.streamvault.segments.SegmentName;
import org.streamvault.segments.SegmentStore;
import org.streamvault.segments.SegmentType;
import org.streamvault.segments.SelectionEntry;
import org.streamvault.segments.Timestamps;

/**
 * Coverage figures for hours of one channel/quality, from the store's cached listings. Every
 * visible segment counts (not only the best per start): a second copy of a segment is what an
 * operator wants to see in the counts, and what makes overlaps visible.
 */
public final class CoverageCalculator {
    private static final String TOMBSTONE = ".tombstone";

    private final SegmentStore store;

    public CoverageCalculator(SegmentStore store) {
        this.store = store;
    }

    /** Every segment file listed in one hour (tombstoned, hidden and junk names left out). */
    public List<Segment> segments(String channel, String quality, long hourStartMicros) {
        String hour = Timestamps.formatHour(hourStartMicros);
        var listing = store.hour(channel, quality, hour);
        var hourDir = store.baseDir().resolve(channel).resolve(quality).resolve(hour);
        List<Segment> out = new ArrayList<>(listing.visibleNames().size());
        for (String name : listing.visibleNames()) {
            if (name.endsWith(TOMBSTONE)) {
                continue;
            }
            try {
                out.add(new Segment(hourDir, hour, hourStartMicros, SegmentName.parse(name)));
            } catch (InvalidSegmentNameException e) {
                // the store already warned about it when listing
            }
        }
        return out;
    }

    /**
     * Coverage of the hour starting at {@code hourStartMicros}, looking only at time before
     * {@code nowMicros} (the hour being recorded is judged up to its newest segment).
     */
    public HourCoverage hour(String channel, String quality, long hourStartMicros, long nowMicros) {
        long hourEnd = hourStartMicros + Timestamps.MICROS_PER_HOUR;
        List<Segment> own = segments(channel, quality, hourStartMicros);
        Map<SegmentType, Integer> counts = new EnumMap<>(SegmentType.class);
        Map<SegmentType, Long> durations = new EnumMap<>(SegmentType.class);
        for (Segment s : own) {
            counts.merge(s.type(), 1, Integer::sum);
            durations.merge(s.type(), s.durationMicros(), Long::sum);
        }
        // A segment of the previous hour may run into this one.
        List<Segment> spanning = new ArrayList<>(own);
        spanning.addAll(segments(channel, quality, hourStartMicros - Timestamps.MICROS_PER_HOUR));
        List<Segment> any = new ArrayList<>();
        List<Segment> full = new ArrayList<>();
        long newestEnd = hourStartMicros;
        for (Segment s : spanning) {
            if (s.type() == SegmentType.TEMP) {
                continue;
            }
            any.add(s);
            if (s.type() == SegmentType.FULL) {
                full.add(s);
            }
            newestEnd = Math.max(newestEnd, s.endMicros());
        }
        long limit = Math.min(hourEnd, nowMicros);
        if (nowMicros < hourEnd && newestEnd > hourStartMicros) {
            limit = Math.min(limit, newestEnd);
        }
        long raw = Intervals.of(any).covered(hourStartMicros, hourEnd);
        long editable = Intervals.of(full).covered(hourStartMicros, hourEnd);
        return new HourCoverage(hourStartMicros, counts, durations, raw, editable,
                holes(channel, quality, hourStartMicros, limit), overlaps(BestSegments.bestPerStart(own)));
    }

    private int holes(String channel, String quality, long from, long to) {
        if (to <= from) {
            return 0;
        }
        try {
            int n = 0;
            for (SelectionEntry e : store.select(channel, quality, from, to, true).entries()) {
                if (e instanceof Hole) {
                    n++;
                }
            }
            return n;
        } catch (ContainsHolesException e) {
            throw new IllegalStateException("holes are allowed here", e);
        }
    }

    private static int overlaps(List<Segment> bestInStartOrder) {
        int n = 0;
        long reach = Long.MIN_VALUE;
        for (Segment s : bestInStartOrder) {
            if (reach != Long.MIN_VALUE && s.startMicros() < reach - BestSegments.TOLERANCE_MICROS) {
                n++;
            }
            reach = Math.max(reach, s.endMicros());
        }
        return n;
    }
}

package org.streamvault.coverage;

import java.util.EnumMap;
import java.util.Map;
import org.streamvault.segments.SegmentType;

/**
 * What one hour of one channel/quality holds.
 *
 * @param hourStartMicros start of the hour
 * @param counts          segment files per type (every type, temp included)
 * @param durationMicros  summed durations per type
 * @param rawMicros       time covered by any full, suspect or partial segment
 * @param editableMicros  time covered by full segments: what a cut without holes can use
 * @param holes           holes in best-segment selection over the hour (up to the newest
 *                        segment, for the hour being recorded)
 * @param overlaps        best-per-start segments that start before an earlier one ends
 *                        (beyond the 10 ms tolerance); they cluster around stream restarts
 */
public record HourCoverage(long hourStartMicros, Map<SegmentType, Integer> counts,
        Map<SegmentType, Long> durationMicros, long rawMicros, long editableMicros, int holes, int overlaps) {

    public HourCoverage {
        counts = Map.copyOf(filled(counts, 0));
        durationMicros = Map.copyOf(filled(durationMicros, 0L));
    }

    private static <V> Map<SegmentType, V> filled(Map<SegmentType, V> in, V zero) {
        Map<SegmentType, V> out = new EnumMap<>(SegmentType.class);
        for (SegmentType t : SegmentType.values()) {
            out.put(t, in.getOrDefault(t, zero));
        }
        return out;
    }
}

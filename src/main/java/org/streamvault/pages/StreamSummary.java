package org.streamvault.pages;

import java.util.ArrayList;
import java.util.List;
import org.streamvault.segments.Segment;
import org.streamvault.segments.SegmentStore;
import org.streamvault.segments.Timestamps;

/**
 * What the store holds of one channel/quality, for the pages: its hours, and the first and the
 * newest segment (null when its hour directories hold no segment).
 *
 * @param hourStarts      the valid hour directories as start instants, sorted
 * @param firstMicros     start of the first segment of the first hour, or null
 * @param newestEndMicros end of the newest segment, or null
 */
public record StreamSummary(String channel, String quality, List<Long> hourStarts, Long firstMicros,
        Long newestEndMicros) {

    /** Reads one channel/quality from the store: one cached listing at each end of its hours. */
    public static StreamSummary of(SegmentStore store, String channel, String quality) {
        List<Long> hours = store.hourStarts(channel, quality);
        Long first = null;
        for (int i = 0; i < hours.size() && first == null; i++) {
            List<Segment> best = store.hour(channel, quality, Timestamps.formatHour(hours.get(i))).best();
            first = best.isEmpty() ? null : best.get(0).startMicros();
        }
        Long newest = null;
        for (int i = hours.size() - 1; i >= 0 && newest == null && first != null; i--) {
            List<Segment> best = store.hour(channel, quality, Timestamps.formatHour(hours.get(i))).best();
            for (Segment s : best) {
                newest = newest == null ? s.endMicros() : Math.max(newest, s.endMicros());
            }
        }
        return new StreamSummary(channel, quality, List.copyOf(hours), first, newest);
    }

    /** Every channel/quality in the store, channels and qualities sorted. */
    public static List<StreamSummary> all(SegmentStore store) {
        List<StreamSummary> out = new ArrayList<>();
        for (String channel : store.channels()) {
            for (String quality : store.qualities(channel)) {
                out.add(of(store, channel, quality));
            }
        }
        return out;
    }
}

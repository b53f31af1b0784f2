package org.streamvault.coverage;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.streamvault.segments.SegmentType;
import org.streamvault.segments.Timestamps;

/**
 * Coverage as gauges, labelled {@code channel}, {@code quality}, {@code hours_ago} (0 = the
 * hour being recorded, up to recent-hours − 1) and, for counts and durations, {@code type}.
 *
 * <p><b>Why {@code hours_ago} and not the hour.</b> An hour label would add a new set of
 * series every hour forever — the failure the seeds describe, where the endpoint grew until
 * scraping failed. A relative label keeps the set fixed (channels × qualities × N); the
 * absolute hour of a sample is its scrape time minus {@code hours_ago}. Each gauge family is one
 * {@link MultiGauge} whose rows are replaced wholesale after every check, so a channel or
 * quality that disappears from the store takes its series with it.
 */
public final class CoverageGauges {
    private final MultiGauge segments;
    private final MultiGauge segmentSeconds;
    private final MultiGauge rawSeconds;
    private final MultiGauge editableSeconds;
    private final MultiGauge holes;
    private final MultiGauge overlaps;
    private final Map<String, List<HourCoverage>> latest = new ConcurrentHashMap<>();

    public CoverageGauges(MeterRegistry registry) {
        segments = gauge(registry, "streamvault.coverage.segments", null, "segment files in the hour, by type");
        segmentSeconds = gauge(registry, "streamvault.coverage.segment.duration", "seconds",
                "summed segment durations in the hour, by type");
        rawSeconds = gauge(registry, "streamvault.coverage.raw", "seconds",
                "time of the hour covered by any full, suspect or partial segment");
        editableSeconds = gauge(registry, "streamvault.coverage.editable", "seconds",
                "time of the hour covered by full segments");
        holes = gauge(registry, "streamvault.coverage.holes", null, "holes in best-segment selection over the hour");
        overlaps = gauge(registry, "streamvault.coverage.overlaps", null, "overlapping segments in the hour");
    }

    private static MultiGauge gauge(MeterRegistry registry, String name, String unit, String description) {
        return MultiGauge.builder(name).baseUnit(unit).description(description).register(registry);
    }

    /** Replaces the figures of one channel/quality ({@code hours[0]} is the newest hour). */
    public synchronized void update(String channel, String quality, List<HourCoverage> newestFirst) {
        latest.put(key(channel, quality), List.copyOf(newestFirst));
        publish();
    }

    /** Drops every channel/quality not in {@code keep} ({@code channel/quality} strings). */
    public synchronized void retain(Set<String> keep) {
        if (latest.keySet().retainAll(keep)) {
            publish();
        }
    }

    static String key(String channel, String quality) {
        return channel + "/" + quality;
    }

    // Only the checker's thread takes this object's lock; a scrape reads the published rows
    // without it.
    private void publish() {
        List<MultiGauge.Row<?>> seg = new ArrayList<>();
        List<MultiGauge.Row<?>> segSec = new ArrayList<>();
        List<MultiGauge.Row<?>> raw = new ArrayList<>();
        List<MultiGauge.Row<?>> edit = new ArrayList<>();
        List<MultiGauge.Row<?>> hole = new ArrayList<>();
        List<MultiGauge.Row<?>> over = new ArrayList<>();
        latest.forEach((key, hours) -> {
            int slash = key.indexOf('/');
            Tags base = Tags.of("channel", key.substring(0, slash), "quality", key.substring(slash + 1));
            for (int ago = 0; ago < hours.size(); ago++) {
                HourCoverage h = hours.get(ago);
                Tags t = base.and("hours_ago", Integer.toString(ago));
                for (SegmentType type : SegmentType.values()) {
                    Tags tt = t.and("type", type.text());
                    seg.add(MultiGauge.Row.of(tt, h.counts().get(type)));
                    segSec.add(MultiGauge.Row.of(tt, seconds(h.durationMicros().get(type))));
                }
                raw.add(MultiGauge.Row.of(t, seconds(h.rawMicros())));
                edit.add(MultiGauge.Row.of(t, seconds(h.editableMicros())));
                hole.add(MultiGauge.Row.of(t, h.holes()));
                over.add(MultiGauge.Row.of(t, h.overlaps()));
            }
        });
        segments.register(seg, true);
        segmentSeconds.register(segSec, true);
        rawSeconds.register(raw, true);
        editableSeconds.register(edit, true);
        holes.register(hole, true);
        overlaps.register(over, true);
    }

    private static double seconds(long micros) {
        return (double) micros / Timestamps.MICROS_PER_SECOND;
    }
}

package org.streamvault.coverage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamvault.events.EventType;
import org.streamvault.events.NodeEvent;
import org.streamvault.events.NodeEvents;
import org.streamvault.metrics.NodeMetrics;
import org.streamvault.metrics.Timing;
import org.streamvault.segments.RateLimitedLog;
import org.streamvault.segments.Segment;
import org.streamvault.segments.SegmentStore;
import org.streamvault.segments.SegmentType;
import org.streamvault.segments.Timestamps;

/**
 * The coverage checker: for every channel/quality in the store, the figures of the recent hours
 * as gauges ({@link CoverageGauges}) and a PNG map ({@link CoverageMap}) under
 * {@code <base-dir>/coverage-maps/<channel>/<quality>.png}. The route calls {@link #targets()}
 * once per run and {@link #check(String)} for each target.
 */
public final class CoverageChecker {
    /** Under the base directory; {@link SegmentStore} never lists it as a channel. */
    public static final String MAPS_DIR = "coverage-maps";

    private static final Logger LOG = LoggerFactory.getLogger(CoverageChecker.class);
    private static final RateLimitedLog FAILURE_LOG = new RateLimitedLog(60_000);

    /**
     * What the page says about a map: {@code hours} hours with data drawn, the oldest starting
     * at {@code firstHourMicros}, the newest at {@code lastHourMicros}; {@code skippedHours}
     * hours between them had no data and are left out.
     */
    public record MapInfo(String channel, String quality, long firstHourMicros, long lastHourMicros, int hours,
            int skippedHours, long renderedAtMicros) {
    }

    private final SegmentStore store;
    private final CoverageCalculator calculator;
    private CoverageGauges gauges;
    private final NodeMetrics metrics;
    private final int recentHours;
    private final int mapHours;
    private final LongSupplier nowMicros;
    private final Map<String, MapInfo> maps = new ConcurrentHashMap<>();
    /** Hours whose holes are announced (recent-hole): the current one and the one before. */
    static final int HOLE_EVENT_HOURS = 2;
    private final NodeEvents events;
    /** Holes last seen per {@code channel/quality/hour} of the newest hours, so each new hole is told once. */
    private final Map<String, Integer> knownHoles = new ConcurrentHashMap<>();

    public CoverageChecker(SegmentStore store, NodeMetrics metrics, int recentHours, int mapHours,
            LongSupplier nowMicros) {
        this(store, metrics, recentHours, mapHours, nowMicros, NodeEvents.NONE);
    }

    /** @param events told of each new hole in the newest two hours (recent-hole) */
    public CoverageChecker(SegmentStore store, NodeMetrics metrics, int recentHours, int mapHours,
            LongSupplier nowMicros, NodeEvents events) {
        this.events = events;
        if (recentHours < 1 || mapHours < 1) {
            throw new IllegalArgumentException("coverage recent-hours and map-hours must be at least 1");
        }
        this.store = store;
        this.calculator = new CoverageCalculator(store);
        this.metrics = metrics;
        this.recentHours = recentHours;
        this.mapHours = mapHours;
        this.nowMicros = nowMicros;
    }

    /** Every channel/quality in the store as {@code channel/quality}; gauges of vanished ones are dropped. */
    public List<String> targets() {
        Set<String> out = new LinkedHashSet<>();
        for (String channel : store.channels()) {
            for (String quality : store.qualities(channel)) {
                out.add(CoverageGauges.key(channel, quality));
            }
        }
        gauges().retain(out);
        maps.keySet().retainAll(out);
        return new ArrayList<>(out);
    }

    /** Checks one {@code channel/quality}; a failure is logged in one line and the next target goes on. */
    public void check(String target) {
        int slash = target.indexOf('/');
        String channel = target.substring(0, slash);
        String quality = target.substring(slash + 1);
        try {
            Timing.of(metrics, "coverage", "channel", channel, "quality", quality)
                    .record(() -> checkStream(channel, quality), hours -> hours);
        } catch (RuntimeException e) {
            FAILURE_LOG.log(LOG::warn, "coverage of " + target + " failed: " + e);
        }
    }

    /** Updates gauges and map of one channel/quality; returns the number of hours looked at. */
    int checkStream(String channel, String quality) {
        long now = nowMicros.getAsLong();
        long currentHour = Timestamps.truncateToHour(now);
        List<HourCoverage> recent = new ArrayList<>(recentHours);
        for (int ago = 0; ago < recentHours; ago++) {
            recent.add(calculator.hour(channel, quality, currentHour - ago * Timestamps.MICROS_PER_HOUR, now));
        }
        gauges().update(channel, quality, recent);
        announceHoles(channel, quality, recent.subList(0, Math.min(HOLE_EVENT_HOURS, recent.size())));
        return recentHours + renderMap(channel, quality, currentHour, now);
    }

    /**
     * Draws the newest {@code mapHours} hours that have data (not the last wall-clock hours: a
     * store whose recording is older must still show it), plus the current hour while data
     * is arriving in it. Hours without data between them are left out.
     */
    private int renderMap(String channel, String quality, long currentHour, long now) {
        List<Long> hours = store.hourStarts(channel, quality);
        List<Long> shown = new ArrayList<>();
        for (int i = hours.size() - 1; i >= 0 && shown.size() < mapHours; i--) {
            if (hasData(calculator.segments(channel, quality, hours.get(i)))) {
                shown.add(0, hours.get(i));
            }
        }
        if (shown.isEmpty()) {
            return 0;
        }
        Set<Long> wanted = new LinkedHashSet<>();
        for (long h : shown) {
            // the hour before may hold a segment running into this one
            wanted.add(h - Timestamps.MICROS_PER_HOUR);
            wanted.add(h);
        }
        List<Segment> segments = new ArrayList<>();
        for (long h : wanted) {
            segments.addAll(calculator.segments(channel, quality, h));
        }
        long first = shown.get(0);
        long last = shown.get(shown.size() - 1);
        int skipped = (int) ((last - first) / Timestamps.MICROS_PER_HOUR) + 1 - shown.size();
        try {
            CoverageMap.write(CoverageMap.render(segments, shown, now), mapFile(channel, quality));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        maps.put(CoverageGauges.key(channel, quality), new MapInfo(channel, quality, first, last, shown.size(), skipped,
                now));
        return shown.size();
    }

    /**
     * Publishes recent-hole when an hour among the newest has more holes than at the last check
     * (at the first check, any hole counts as new). Hours that age out are forgotten.
     */
    private void announceHoles(String channel, String quality, List<HourCoverage> newest) {
        String prefix = CoverageGauges.key(channel, quality) + "/";
        Set<String> current = new LinkedHashSet<>();
        for (HourCoverage h : newest) {
            String hour = Timestamps.formatHour(h.hourStartMicros());
            current.add(prefix + hour);
            Integer before = knownHoles.put(prefix + hour, h.holes());
            if (h.holes() > (before == null ? 0 : before)) {
                events.publish(NodeEvent.of(EventType.RECENT_HOLE, "channel", channel, "quality", quality,
                        "hour", hour, "holes", h.holes(), "newHoles", h.holes() - (before == null ? 0 : before)));
            }
        }
        knownHoles.keySet().removeIf(k -> k.startsWith(prefix) && !current.contains(k));
    }

    private static boolean hasData(List<Segment> segments) {
        return segments.stream().anyMatch(s -> s.type() != SegmentType.TEMP);
    }

    /** Made on first use: the node's registry exists only once the context has started. */
    private synchronized CoverageGauges gauges() {
        if (gauges == null) {
            gauges = new CoverageGauges(metrics.registry());
        }
        return gauges;
    }

    /** Where the map of a channel/quality is written (names checked like every store path). */
    public Path mapFile(String channel, String quality) {
        SegmentStore.checkPart(channel);
        SegmentStore.checkPart(quality);
        return mapsDir().resolve(channel).resolve(quality + ".png");
    }

    public Path mapsDir() {
        return store.baseDir().resolve(MAPS_DIR);
    }

    /** What is known about the maps rendered since start, by {@code channel/quality}. */
    public Map<String, MapInfo> mapInfo() {
        return Map.copyOf(maps);
    }
}

package org.streamvault.metrics;

import org.streamvault.config.ConfiguredStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.streamvault.segments.Segment;
import org.streamvault.segments.SegmentStore;
import org.streamvault.segments.Timestamps;

/**
 * Stall detection for the downloader: DOWN when a stream that should be live has no segment
 * ending within the last {@code maxAge} — a poller that runs but saves nothing is not healthy.
 * Readiness only: restarting the node rarely fixes an origin that stopped sending.
 *
 * <p>"Should be live": important channels ({@code name!}) always; others when a
 * {@link StreamLiveness} bean in the registry says so. Only the newest one or two hour
 * directories are read, through the store's listing cache.
 */
public final class StreamStallHealthCheck extends AbstractHealthCheck {
    private final SegmentStore store;
    private final List<ConfiguredStream> streams;
    private final long maxAgeMicros;
    private final LongSupplier nowMicros;

    public StreamStallHealthCheck(SegmentStore store, List<ConfiguredStream> streams, long maxAgeMicros,
            LongSupplier nowMicros) {
        super("streamvault", "stream-stall");
        this.store = store;
        this.streams = List.copyOf(streams);
        this.maxAgeMicros = maxAgeMicros;
        this.nowMicros = nowMicros;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        StreamLiveness liveness = getCamelContext() == null ? null
                : getCamelContext().getRegistry().findSingleByType(StreamLiveness.class);
        long now = nowMicros.getAsLong();
        List<String> stalled = new ArrayList<>();
        for (ConfiguredStream s : streams) {
            boolean expected = s.important() || (liveness != null && liveness.shouldBeLive(s.channel(), s.quality()));
            long newestEnd = newestSegmentEnd(store, s.channel(), s.quality());
            String age = newestEnd == Long.MIN_VALUE ? "no segments"
                    : "newest segment ended " + (now - newestEnd) / Timestamps.MICROS_PER_SECOND + " s ago";
            builder.detail(s.toString(), age + (expected ? "" : " (not expected live)"));
            if (expected && (newestEnd == Long.MIN_VALUE || now - newestEnd > maxAgeMicros)) {
                stalled.add(s + " (" + age + ")");
            }
        }
        if (stalled.isEmpty()) {
            builder.up();
        } else {
            builder.message("stalled: " + String.join(", ", stalled)).down();
        }
    }

    /** End of the newest segment of a stream, or {@link Long#MIN_VALUE} if it has none. */
    static long newestSegmentEnd(SegmentStore store, String channel, String quality) {
        List<Long> hours = store.hourStarts(channel, quality);
        // The newest hour directory may have just been created and still be empty.
        for (int i = hours.size() - 1; i >= Math.max(0, hours.size() - 2); i--) {
            List<Segment> best = store.hour(channel, quality, Timestamps.formatHour(hours.get(i))).best();
            long newest = Long.MIN_VALUE;
            for (Segment seg : best) {
                newest = Math.max(newest, seg.endMicros());
            }
            if (newest != Long.MIN_VALUE) {
                return newest;
            }
        }
        return Long.MIN_VALUE;
    }
}

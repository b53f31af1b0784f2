package org.streamvault.download;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.streamvault.segments.SegmentType;

/**
 * The meters of one stream (labels channel and quality, plus type where it applies; nothing
 * that grows with time). The registry is looked up lazily because Camel binds the Prometheus
 * registry only while the context starts.
 */
public final class DownloaderMetrics {
    private final Supplier<MeterRegistry> registry;
    private final String channel;
    private final String quality;
    private final AtomicLong newestSegmentMicros = new AtomicLong();
    private volatile boolean gaugeRegistered;
    private final Map<SegmentType, SavedMeters> savedMeters =
            Collections.synchronizedMap(new EnumMap<>(SegmentType.class));

    public DownloaderMetrics(Supplier<MeterRegistry> registry, String channel, String quality) {
        this.registry = registry;
        this.channel = channel;
        this.quality = quality;
    }

    /** A segment was saved as {@code type}, covering {@code durationMicros} of video, in {@code fetchNanos}. */
    public void segmentSaved(SegmentType type, long durationMicros, long endMicros, long fetchNanos) {
        MeterRegistry r = registry.get();
        SavedMeters m = saved(r, type);
        m.segments.increment();
        m.videoSeconds.increment(durationMicros / 1e6);
        m.fetch.record(fetchNanos, TimeUnit.NANOSECONDS);
        if (durationMicros > 0) {
            m.perVideoSecond.record((fetchNanos / 1e9) / (durationMicros / 1e6));
        }
        if (type == SegmentType.FULL) {
            newestSegmentMicros.accumulateAndGet(endMicros, Math::max);
            registerGauge(r);
        }
    }

    /** The four meters of a saved segment's type, registered once per registry rather than looked up per segment. */
    private SavedMeters saved(MeterRegistry r, SegmentType type) {
        SavedMeters m = savedMeters.get(type);
        if (m == null || m.registry != r) {
            m = new SavedMeters(r, type.text());
            savedMeters.put(type, m);
        }
        return m;
    }

    private final class SavedMeters {
        final MeterRegistry registry;
        final Counter segments;
        final Counter videoSeconds;
        final Timer fetch;
        final DistributionSummary perVideoSecond;

        SavedMeters(MeterRegistry r, String t) {
            registry = r;
            segments = Counter.builder("streamvault_downloader_segments").description("Segments saved, by type")
                    .tags("channel", channel, "quality", quality, "type", t).register(r);
            videoSeconds = Counter.builder("streamvault_downloader_video_seconds")
                    .description("Seconds of video saved, by type")
                    .tags("channel", channel, "quality", quality, "type", t).register(r);
            fetch = Timer.builder("streamvault_downloader_fetch").description("Time to fetch one segment, by outcome")
                    .tags("channel", channel, "quality", quality, "type", t).register(r);
            perVideoSecond = DistributionSummary.builder("streamvault_downloader_fetch_seconds_per_video_second")
                    .description("Fetch time divided by the segment's duration; above 1 the stream is not kept up with")
                    .tags("channel", channel, "quality", quality, "type", t).register(r);
        }
    }

    public void adSkipped() {
        Counter.builder("streamvault_downloader_ad_segments_skipped").description("Advertisement segments not saved")
                .tags("channel", channel, "quality", quality).register(registry.get()).increment();
    }

    /** A playlist or segment request failed; {@code what} is {@code playlist} or {@code segment}. */
    public void error(String what) {
        Counter.builder("streamvault_downloader_errors").description("Failed playlist and segment requests")
                .tags("channel", channel, "quality", quality, "type", what).register(registry.get()).increment();
    }

    /** End of the newest full segment, microseconds; 0 before the first. */
    public long newestSegmentMicros() {
        return newestSegmentMicros.get();
    }

    private void registerGauge(MeterRegistry r) {
        if (!gaugeRegistered) {
            gaugeRegistered = true;
            Gauge.builder("streamvault_downloader_newest_segment_timestamp_seconds", newestSegmentMicros,
                            v -> v.get() / 1e6)
                    .description("End time (Unix seconds) of the newest full segment")
                    .tags("channel", channel, "quality", quality).register(r);
        }
    }
}

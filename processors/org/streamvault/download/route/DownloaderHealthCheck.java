package org.streamvault.download.route;

import java.time.Duration;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.streamvault.download.Downloader;
import org.streamvault.download.StreamRecorder;

/**
 * Health of the recorded streams (SPEC §9): for each, the age of its newest full segment as a
 * detail. DOWN when a stream is live (its playlist listed real segments in the last minute) but
 * nothing newer than {@code maxAge} has been saved: the stream is there and we are not getting
 * it. An offline stream is an expected condition, not a failure.
 */
public final class DownloaderHealthCheck extends AbstractHealthCheck {
    private static final long LIVE_WITHIN = Duration.ofMinutes(1).toNanos();
    private final Downloader downloader;
    private final Duration maxAge;
    private final boolean enabled;

    public DownloaderHealthCheck(Downloader downloader, Duration maxAge, boolean enabled) {
        super("streamvault", "downloader");
        this.downloader = downloader;
        this.maxAge = maxAge;
        this.enabled = enabled;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.up();
        if (!enabled) {
            builder.detail("downloader", "disabled");
            return;
        }
        long nowMicros = System.currentTimeMillis() * 1000L;
        StringBuilder stale = new StringBuilder();
        for (StreamRecorder r : downloader.streams()) {
            String name = r.channel() + "/" + r.quality();
            long newest = r.metrics().newestSegmentMicros();
            boolean live = r.live(LIVE_WITHIN);
            builder.detail(name + ".live", live);
            if (newest > 0) {
                double age = (nowMicros - newest) / 1e6;
                builder.detail(name + ".newest-segment-age-seconds", Math.round(age * 10) / 10.0);
                if (live && age > maxAge.toSeconds()) {
                    stale.append(stale.isEmpty() ? "" : ", ").append(name);
                }
            } else if (live && downloader.uptime().compareTo(maxAge) > 0) {
                stale.append(stale.isEmpty() ? "" : ", ").append(name);
            }
        }
        if (!stale.isEmpty()) {
            builder.message("live but no segment saved within " + maxAge.toSeconds() + " s: " + stale);
            builder.down();
        }
    }
}

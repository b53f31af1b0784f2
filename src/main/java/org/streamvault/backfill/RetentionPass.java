package org.streamvault.backfill;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention over every configured channel and quality: when switched on
 * ({@code streamvault.backfiller.delete-old}) and the window has a start, deletes local hours
 * older than the window's first hour ({@link Retention}).
 */
public final class RetentionPass {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionPass.class);

    private final boolean enabled;
    private final Path baseDir;
    private final List<String> channels;
    private final List<String> qualities;
    private final BackfillWindow window;
    private final BackfillMetrics metrics;
    private final LongSupplier nowMicros;

    public RetentionPass(boolean enabled, Path baseDir, List<String> channels, List<String> qualities,
            BackfillWindow window, BackfillMetrics metrics, LongSupplier nowMicros) {
        if (enabled && !window.isBounded()) {
            LOG.warn("streamvault.backfiller.delete-old is on but streamvault.backfiller.start is empty:"
                    + " nothing will be deleted");
        }
        this.enabled = enabled && window.isBounded();
        this.baseDir = baseDir;
        this.channels = List.copyOf(channels);
        this.qualities = List.copyOf(qualities);
        this.window = window;
        this.metrics = metrics;
        this.nowMicros = nowMicros;
    }

    /** Deletes what is older than the window; returns the number of files deleted. */
    public int run() {
        if (!enabled) {
            return 0;
        }
        long earliest = window.earliestHour(nowMicros.getAsLong());
        int total = 0;
        for (String channel : channels) {
            for (String quality : qualities) {
                try {
                    int n = Retention.deleteHoursBefore(baseDir.resolve(channel).resolve(quality), earliest);
                    if (n > 0) {
                        metrics.segmentsDeleted(channel, quality, n);
                        LOG.info("retention: deleted {} file(s) of {}/{} older than the backfill window",
                                n, channel, quality);
                    }
                    total += n;
                } catch (IOException e) {
                    LOG.warn("retention: cannot clean {}/{}: {}", channel, quality, PeerWorker.oneLine(e));
                }
            }
        }
        return total;
    }
}

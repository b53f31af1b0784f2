package org.streamvault.backfill;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamvault.segments.RateLimitedLog;
import org.streamvault.segments.SegmentStore;

/**
 * One backfill pass against one peer (SPEC §5): for each configured channel and quality, list
 * the peer's hours, keep those in the window newest first, and per hour fetch what the local
 * store lacks ({@link MissingSegments}) on the peer's own fetch pool, so at most that pool's
 * size of downloads run against the peer at once.
 *
 * <p>A link can be bad without the peer being down: one failed request is about one transfer,
 * not the pass. A file whose transfer breaks, times out or does not match its hash is retried
 * up to {@link Retries#attempts} times in the pass, after a short jittered pause spent off the
 * fetch pool, then left for the next pass ({@link FileFailures} backs off files that keep
 * failing); a listing that fails likewise is retried, then its hour skipped. Only a peer that
 * cannot be connected to ends the pass at once (the queued fetches are dropped). Every failed
 * request is counted by {@link FailureReason}; the pass reports what it did as a
 * {@link PassResult}, and the worker decides the peer's backoff from that.
 */
public final class PeerPass {
    private static final Logger LOG = LoggerFactory.getLogger(PeerPass.class);
    private static final RateLimitedLog NOTHING_TO_COPY_LOG = new RateLimitedLog(3_600_000);

    /** How a pass retries one request: tries in all, and the mean pause before each retry (±50%). */
    public record Retries(int attempts, long delayMillis) {
        public static final Retries DEFAULT = new Retries(4, 500);

        public Retries {
            if (attempts < 1 || delayMillis < 0) {
                throw new IllegalArgumentException("streamvault.backfiller.file-attempts must be at least 1");
            }
        }

        long jitteredDelay() {
            return delayMillis == 0 ? 0 : delayMillis / 2 + ThreadLocalRandom.current().nextLong(delayMillis + 1);
        }
    }

    final PeerClient client;
    final Path baseDir;
    private final List<String> channels;
    private final List<String> qualities;
    final BackfillWindow window;
    final BackfillMetrics metrics;
    final LongSupplier nowMicros;
    final RandomGenerator random;
    final Retries retries;

    public PeerPass(PeerClient client, Path baseDir, List<String> channels, List<String> qualities,
            BackfillWindow window, BackfillMetrics metrics, LongSupplier nowMicros, RandomGenerator random) {
        this(client, baseDir, channels, qualities, window, metrics, nowMicros, random, Retries.DEFAULT);
    }

    public PeerPass(PeerClient client, Path baseDir, List<String> channels, List<String> qualities,
            BackfillWindow window, BackfillMetrics metrics, LongSupplier nowMicros, RandomGenerator random,
            Retries retries) {
        channels.forEach(SegmentStore::checkPart);
        qualities.forEach(SegmentStore::checkPart);
        this.client = client;
        this.baseDir = baseDir;
        this.channels = List.copyOf(channels);
        this.qualities = List.copyOf(qualities);
        this.window = window;
        this.metrics = metrics;
        this.nowMicros = nowMicros;
        this.random = random;
        this.retries = retries;
    }

    /**
     * Runs the pass: file fetches on {@code fetchPool}, retry pauses on {@code timers},
     * per-file history in {@code files} (the peer's own, kept across passes).
     */
    public PassResult run(Peer peer, ExecutorService fetchPool, ScheduledExecutorService timers, FileFailures files,
            RateLimitedLog failureLog) throws InterruptedException {
        if (channels.isEmpty() || qualities.isEmpty()) {
            NOTHING_TO_COPY_LOG.log(LOG::warn, "backfiller has nothing to copy: streamvault.channels or"
                    + " streamvault.qualities is empty");
            return new PassResult(true, true, 0, 0, 0, 0, Map.of(), null);
        }
        PassRun pass = new PassRun(this, peer, fetchPool, timers, files, failureLog);
        try {
            for (String channel : channels) {
                for (String quality : qualities) {
                    pass.channel(channel, quality);
                }
            }
            return pass.finish();
        } catch (InterruptedException e) {
            pass.lost.set(true);
            throw e;
        }
    }
}

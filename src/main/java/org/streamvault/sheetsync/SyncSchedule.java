package org.streamvault.sheetsync;

import java.util.Random;
import java.util.function.LongSupplier;

/**
 * When the next pass is due: {@code interval} after the last one began, give or take up to
 * {@code jitter}, so several nodes syncing the same spreadsheet do not fall into step and hit
 * the API's per-minute quota together. A timer asks {@link #due} often; the decision is here.
 */
public final class SyncSchedule {
    private final long intervalMillis;
    private final long jitterMillis;
    private final LongSupplier clockMillis;
    private final Random random;
    private long nextMillis = Long.MIN_VALUE;

    public SyncSchedule(long intervalMillis, long jitterMillis, LongSupplier clockMillis, Random random) {
        if (intervalMillis <= 0 || jitterMillis < 0 || jitterMillis >= intervalMillis) {
            throw new IllegalArgumentException("streamvault.sheetsync.interval must be positive and"
                    + " streamvault.sheetsync.jitter smaller than it");
        }
        this.intervalMillis = intervalMillis;
        this.jitterMillis = jitterMillis;
        this.clockMillis = clockMillis;
        this.random = random;
    }

    public synchronized boolean due() {
        return clockMillis.getAsLong() >= nextMillis;
    }

    /** A pass begins now: the next one is due one jittered interval later. */
    public synchronized void started() {
        long jitter = jitterMillis == 0 ? 0 : random.nextLong(-jitterMillis, jitterMillis + 1);
        nextMillis = clockMillis.getAsLong() + intervalMillis + jitter;
    }
}

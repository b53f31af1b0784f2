package org.streamvault.backfill;

import java.util.random.RandomGenerator;

/**
 * How long a peer waits before its next pass: the normal interval with ±10% jitter after a
 * good pass, and after failures an exponentially growing delay (1 s, 2 s, 4 s ... up to a cap),
 * drawn uniformly from its upper half so peers that failed together do not retry in lockstep.
 */
public final class Backoff {
    static final long FIRST_DELAY_MILLIS = 1_000;

    private final long intervalMillis;
    private final long capMillis;
    private final RandomGenerator random;

    public Backoff(long intervalMillis, long capMillis, RandomGenerator random) {
        if (intervalMillis <= 0 || capMillis <= 0) {
            throw new IllegalArgumentException("backfill interval and backoff cap must be positive");
        }
        this.intervalMillis = intervalMillis;
        this.capMillis = capMillis;
        this.random = random;
    }

    /** Delay after a pass that ended well: the interval, ±10%. */
    public long afterSuccess() {
        return jittered(intervalMillis, 0.1);
    }

    /** Delay after the {@code failures}-th failure in a row (1 = first). */
    public long afterFailure(int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), 30);
        long delay = Math.min(FIRST_DELAY_MILLIS << doublings, capMillis);
        return delay / 2 + (long) (random.nextDouble() * (delay - delay / 2));
    }

    private long jittered(long base, double fraction) {
        double factor = 1 - fraction + 2 * fraction * random.nextDouble();
        return Math.max(1, Math.round(base * factor));
    }
}

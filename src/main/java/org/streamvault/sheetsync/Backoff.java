package org.streamvault.sheetsync;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Retry pacing for the Sheets API: Google asks clients that hit the per-minute quota (429) or a
 * server error (5xx) to back off exponentially, with jitter. Attempt 1 waits about
 * {@code firstMillis}, each next one twice as long, capped at {@code maxMillis}.
 */
public record Backoff(int attempts, long firstMillis, long maxMillis) {
    public Backoff {
        if (attempts < 1 || firstMillis < 0 || maxMillis < firstMillis) {
            throw new IllegalArgumentException("streamvault.sheetsync.retry-*: attempts >= 1 and 0 <= backoff <= max");
        }
    }

    /** How long to wait after failed attempt {@code attempt} (from 1): between half and all of the step. */
    public long delayMillis(int attempt) {
        long step = Math.min(maxMillis, firstMillis << Math.min(attempt - 1, 20));
        return step <= 1 ? step : ThreadLocalRandom.current().nextLong(step / 2, step + 1);
    }
}

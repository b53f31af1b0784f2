package org.streamvault.backfill;

/**
 * When a peer's next pass is due, from how the last ones went. Only passes that could not reach
 * or list the peer at all count towards its backoff ({@link Backoff#afterFailure}), and a pass
 * that copied anything resets that count: a bad link is not a dead peer. A pass that lost the
 * peer after copying, or left files it failed to copy, comes back after the same short steps
 * (1 s, 2 s, 4 s..., counted separately, never later than the interval for failed files), so a
 * bad link costs a few quick rounds rather than a whole interval. Not thread-safe: the worker
 * calls it under its own lock.
 */
final class PassSchedule {
    /** What to do after a pass: wait this long; {@code peerFailed} when it counts against the peer. */
    record Next(long delayMillis, boolean peerFailed, int failuresInARow) {
    }

    private final Backoff backoff;
    /** Passes in a row that could not reach or list the peer. */
    private int failures;
    /** Passes in a row that ended short of copying everything they saw missing. */
    private int unfinished;

    PassSchedule(Backoff backoff) {
        this.backoff = backoff;
    }

    /** @param r the pass's result; null when it ended by an unexpected error */
    Next after(PassResult r) {
        if (r == null || !r.answered() || (!r.complete() && r.copied() == 0)) {
            failures++;
            unfinished = 0;
            return new Next(backoff.afterFailure(failures), true, failures);
        }
        failures = 0;
        if (!r.complete()) {
            return new Next(backoff.afterFailure(++unfinished), true, 0);
        }
        if (r.leftWork()) {
            return new Next(Math.min(backoff.afterFailure(++unfinished), backoff.afterSuccess()), false, 0);
        }
        unfinished = 0;
        return new Next(backoff.afterSuccess(), false, 0);
    }
}

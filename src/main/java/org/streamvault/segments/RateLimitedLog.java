package org.streamvault.segments;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Lets one message through per interval and counts the rest, so conditions that come in
 * bursts (overlaps around a stream restart, a directory full of junk) cannot flood the log.
 */
public final class RateLimitedLog {
    private final long intervalNanos;
    private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    public RateLimitedLog(long intervalMillis) {
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    /** Passes {@code message} (with a count of what was held back since) to {@code sink}, or drops it. */
    public void log(Consumer<String> sink, String message) {
        long now = System.nanoTime();
        long next = nextAllowed.get();
        if ((next == Long.MIN_VALUE || now - next >= 0) && nextAllowed.compareAndSet(next, now + intervalNanos)) {
            long dropped = suppressed.getAndSet(0);
            sink.accept(dropped == 0 ? message : message + " (" + dropped + " similar messages suppressed)");
        } else {
            suppressed.incrementAndGet();
        }
    }
}

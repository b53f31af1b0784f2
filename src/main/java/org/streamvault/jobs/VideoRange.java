package org.streamvault.jobs;

/**
 * One element of a row's {@code video_ranges}: {@code [startMicros, endMicros)} in UTC
 * microseconds, as stored (not checked here: a row written by hand or by another node may hold
 * a range that ends before it starts, which the cutter reports on the row instead of cutting).
 * {@link Long#MIN_VALUE} stands for a NULL field.
 */
public record VideoRange(long startMicros, long endMicros) {
    /** True when both ends are set and the range ends after it starts. */
    public boolean isCuttable() {
        return startMicros != Long.MIN_VALUE && endMicros != Long.MIN_VALUE && endMicros > startMicros;
    }
}

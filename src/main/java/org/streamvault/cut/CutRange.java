package org.streamvault.cut;

import org.streamvault.segments.Timestamps;

/**
 * One stretch of time to cut, {@code [startMicros, endMicros)} in UTC microseconds.
 *
 * @param startMicros inclusive start
 * @param endMicros   exclusive end, after the start
 */
public record CutRange(long startMicros, long endMicros) {
    public CutRange {
        if (endMicros <= startMicros) {
            throw new IllegalArgumentException("a cut range must end after it starts");
        }
    }

    public long durationMicros() {
        return endMicros - startMicros;
    }

    @Override
    public String toString() {
        return Timestamps.formatIso(startMicros) + "," + Timestamps.formatIso(endMicros);
    }
}

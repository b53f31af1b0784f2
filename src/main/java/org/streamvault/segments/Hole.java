package org.streamvault.segments;

/**
 * A discontinuity in a {@link Selection}: no segment is known to join the previous entry to
 * the next. The bounds say where, for error messages and coverage reports: {@code start} is
 * the previous segment's end (or the range start for a leading hole) and {@code end} the next
 * segment's start (or the range end for a trailing hole). After a suspect or partial segment
 * the hole may be empty ({@code start == end}): the data may be truncated, not missing.
 *
 * @param startMicros where the missing part begins
 * @param endMicros   where it ends
 */
public record Hole(long startMicros, long endMicros) implements SelectionEntry {
    @Override
    public String toString() {
        return "hole from " + Timestamps.formatIso(startMicros) + " to " + Timestamps.formatIso(endMicros);
    }
}

package org.streamvault.sheetsync;

import java.time.LocalDateTime;

/**
 * An event's end as wubloader keeps it ({@code end_time (dashed, value)}): a sheet cell of
 * {@code --} means "no real end, the event is a moment", stored as dashed with the value equal
 * to the event's start.
 *
 * @param dashed the cell said {@code --}
 * @param value  the end (UTC), or null when unknown
 */
public record EndTime(boolean dashed, LocalDateTime value) {
    public static final EndTime NONE = new EndTime(false, null);

    /** The same end, with a dashed end's value following {@code start}, as the database requires. */
    public EndTime withStart(LocalDateTime start) {
        return dashed ? new EndTime(true, start) : this;
    }
}

package org.streamvault.segments;

import java.util.List;

/**
 * What one hour directory holds, as computed from one listing of it.
 *
 * @param visibleNames every non-hidden name a peer may fetch, in directory order: segments
 *                     (temp included) and tombstone files, but not tombstoned segments
 * @param best         the best segment per start time, in start order ({@link BestSegments#bestPerStart})
 */
public record HourListing(List<String> visibleNames, List<Segment> best) {
    public static final HourListing EMPTY = new HourListing(List.of(), List.of());
}

package org.streamvault.hls;

import java.net.URI;

/**
 * One segment of a media playlist, with its start time resolved.
 *
 * @param uri           absolute URI of the segment
 * @param durationText  the {@code #EXTINF} duration exactly as written (kept for the file name)
 * @param durationMicros the same duration in microseconds
 * @param startMicros   UTC start in microseconds since the epoch: the segment's own
 *                      {@code #EXT-X-PROGRAM-DATE-TIME}, or carried from a neighbour by durations
 * @param skewMicros    for a segment with its own program-date-time that follows another segment:
 *                      how far that time differs from the previous start plus duration; else 0
 * @param ad            true when the segment is a stitched-in advertisement, not the stream
 * @param mapUri        absolute URI of the {@code #EXT-X-MAP} init section in force, or null
 */
public record MediaSegment(
        URI uri, String durationText, long durationMicros, long startMicros, long skewMicros, boolean ad, URI mapUri) {

    public long endMicros() {
        return startMicros + durationMicros;
    }
}

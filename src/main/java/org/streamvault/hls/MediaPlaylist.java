package org.streamvault.hls;

import java.util.List;

/**
 * A parsed media playlist.
 *
 * @param segments segments in playlist order, times resolved
 * @param endList  true when {@code #EXT-X-ENDLIST} says no more segments will be added
 * @param targetDurationMicros {@code #EXT-X-TARGETDURATION} in microseconds, 0 when absent or
 *                 unreadable (a poller's reload interval comes from it, RFC 8216 §6.3.4)
 */
public record MediaPlaylist(List<MediaSegment> segments, boolean endList, long targetDurationMicros) {
}

package org.streamvault.hls;

import java.util.List;

/**
 * A parsed media playlist.
 *
 * @param segments segments in playlist order, times resolved
 * @param endList  true when {@code #EXT-X-ENDLIST} says no more segments will be added
 */
public record MediaPlaylist(List<MediaSegment> segments, boolean endList) {
}

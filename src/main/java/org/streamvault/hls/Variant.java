package org.streamvault.hls;

import java.net.URI;

/**
 * One {@code #EXT-X-STREAM-INF} entry of a master playlist.
 *
 * @param uri        absolute URI of the variant's media playlist
 * @param bandwidth  the BANDWIDTH attribute (0 if absent)
 * @param videoGroup the VIDEO group id (Twitch uses {@code chunked} for source), or ""
 * @param name       the NAME of the {@code #EXT-X-MEDIA} rendition of that group, or ""
 */
public record Variant(URI uri, long bandwidth, String videoGroup, String name) {
}

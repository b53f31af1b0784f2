package org.streamvault.hls;

import java.util.List;

/**
 * Renders a master playlist with one variant per quality; each variant URI is the quality's
 * media playlist relative to {@code /playlist/{channel}.m3u8}, carrying the same query.
 */
public final class MasterPlaylistWriter {
    /** One quality offered, with its estimated peak bit rate. */
    public record Variant(String quality, long bandwidth) {
    }

    private MasterPlaylistWriter() {
    }

    public static String render(String channel, List<Variant> variants, String query) {
        StringBuilder sb = new StringBuilder("#EXTM3U\n");
        for (Variant v : variants) {
            sb.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(Math.max(1, v.bandwidth())).append('\n');
            UriPaths.appendEncoded(sb, channel);
            sb.append('/');
            UriPaths.appendEncoded(sb, v.quality());
            sb.append(".m3u8");
            if (query != null && !query.isEmpty()) {
                sb.append('?').append(query);
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}

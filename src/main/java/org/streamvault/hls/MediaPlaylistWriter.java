package org.streamvault.hls;

import java.util.List;
import org.streamvault.segments.Hole;
import org.streamvault.segments.Segment;
import org.streamvault.segments.SelectionEntry;
import org.streamvault.segments.Timestamps;

/**
 * Renders a selection as an RFC 8216 media playlist.
 *
 * <p>Each segment gets {@code #EXT-X-PROGRAM-DATE-TIME} (microseconds, {@code Z}) and
 * {@code #EXTINF:%.3f,}; its URI is {@code /segments/{channel}/{quality}/{hour}/{file}},
 * percent-encoded. Inner holes become {@code #EXT-X-DISCONTINUITY}; a leading hole is dropped.
 * {@code #EXT-X-ENDLIST} closes the playlist unless it ends in a hole, so a player keeps
 * polling a range that may still fill in. {@code #EXT-X-TARGETDURATION} is the smallest
 * integer at least every {@code EXTINF} rounded to the nearest second, as the RFC requires.
 */
public final class MediaPlaylistWriter {
    private MediaPlaylistWriter() {
    }

    public static String render(String channel, String quality, List<SelectionEntry> entries) {
        String prefix = prefix(channel, quality);
        int segments = 0;
        for (SelectionEntry entry : entries) {
            if (entry instanceof Segment) {
                segments++;
            }
        }
        StringBuilder sb = new StringBuilder(128 + segments * 190);
        appendHeader(sb, entries);
        String lastHour = null;
        String encodedHour = null;
        boolean pendingDiscontinuity = false;
        boolean any = false;
        for (SelectionEntry entry : entries) {
            if (entry instanceof Hole) {
                pendingDiscontinuity = any;
                continue;
            }
            Segment s = (Segment) entry;
            if (pendingDiscontinuity) {
                sb.append(DISCONTINUITY);
                pendingDiscontinuity = false;
            }
            if (!s.hour().equals(lastHour)) {
                lastHour = s.hour();
                encodedHour = UriPaths.encode(lastHour);
            }
            appendSegment(sb, prefix, encodedHour, s);
            any = true;
        }
        if (ended(entries)) {
            sb.append(ENDLIST);
        }
        return sb.toString();
    }

    static final String DISCONTINUITY = "#EXT-X-DISCONTINUITY\n";
    static final String ENDLIST = "#EXT-X-ENDLIST\n";

    /** {@code /segments/{channel}/{quality}/}, percent-encoded: what every segment URI starts with. */
    static String prefix(String channel, String quality) {
        return "/segments/" + UriPaths.encode(channel) + "/" + UriPaths.encode(quality) + "/";
    }

    /** True when the playlist ends with {@code #EXT-X-ENDLIST}: it does not end in a hole. */
    static boolean ended(List<SelectionEntry> entries) {
        return !entries.isEmpty() && entries.get(entries.size() - 1) instanceof Segment;
    }

    /** The lines before the first segment: version, target duration, and VOD when ended. */
    static void appendHeader(StringBuilder sb, List<SelectionEntry> entries) {
        long targetSeconds = 1;
        for (SelectionEntry entry : entries) {
            if (entry instanceof Segment s) {
                long millis = roundedMillis(s.durationMicros());
                targetSeconds = Math.max(targetSeconds, (millis + 500) / 1000);
            }
        }
        sb.append("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:").append(targetSeconds).append('\n');
        if (ended(entries)) {
            sb.append("#EXT-X-PLAYLIST-TYPE:VOD\n");
        }
    }

    /** One segment's three lines: program date-time, {@code EXTINF}, URI. */
    static void appendSegment(StringBuilder sb, String prefix, String encodedHour, Segment s) {
        sb.append("#EXT-X-PROGRAM-DATE-TIME:");
        Timestamps.appendIso(sb, s.startMicros());
        sb.append("\n#EXTINF:");
        appendSeconds(sb, roundedMillis(s.durationMicros()));
        sb.append(",\n").append(prefix).append(encodedHour).append('/');
        UriPaths.appendEncoded(sb, s.name().fileName());
        sb.append('\n');
    }

    static long roundedMillis(long micros) {
        return (micros + 500) / 1000;
    }

    static void appendSeconds(StringBuilder sb, long millis) {
        sb.append(millis / 1000).append('.');
        long frac = millis % 1000;
        if (frac < 100) {
            sb.append('0');
        }
        if (frac < 10) {
            sb.append('0');
        }
        sb.append(frac);
    }
}

package org.streamvault.hls;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses an HLS media playlist (RFC 8216) into segments with UTC start times.
 *
 * <p>A segment's start is its own {@code #EXT-X-PROGRAM-DATE-TIME}; segments without one take
 * the previous segment's start plus its {@code #EXTINF} duration, and segments before the first
 * date-time are worked back from the next one. A playlist with segments but no date-time at all
 * is rejected: its segments could not be named. Advertisements are recognised the way Twitch
 * marks them: an {@code #EXT-X-DATERANGE} of class {@code twitch-stitched-ad} (or an id starting
 * {@code stitched-ad-}) covering the segment, or an {@code #EXTINF} title starting
 * {@code Amazon}. Unknown tags are ignored.
 */
public final class MediaPlaylistParser {
    private static final Pattern DURATION = Pattern.compile("\\d{1,9}(\\.\\d{1,9})?");

    private MediaPlaylistParser() {
    }

    /** @param base the playlist's own URL, against which relative URIs resolve */
    public static MediaPlaylist parse(String text, URI base) throws PlaylistException {
        String[] lines = text.split("\r?\n|\r");
        if (lines.length == 0 || !stripBom(lines[0]).trim().equals("#EXTM3U")) {
            throw new PlaylistException("not an HLS playlist (first line is not #EXTM3U)");
        }
        List<Raw> raws = new ArrayList<>();
        List<long[]> adRanges = new ArrayList<>();
        boolean endList = false;
        long targetDuration = 0;
        String pendingDuration = null;
        String pendingTitle = "";
        Long pendingTime = null;
        URI map = null;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#EXTINF:")) {
                String v = line.substring(8);
                int comma = v.indexOf(',');
                pendingDuration = (comma < 0 ? v : v.substring(0, comma)).trim();
                pendingTitle = comma < 0 ? "" : v.substring(comma + 1).trim();
                if (!DURATION.matcher(pendingDuration).matches()) {
                    throw new PlaylistException("bad #EXTINF duration '" + ProgramDateTime.shorten(pendingDuration) + "'");
                }
            } else if (line.startsWith("#EXT-X-PROGRAM-DATE-TIME:")) {
                pendingTime = ProgramDateTime.parseMicros(line.substring(25));
            } else if (line.startsWith("#EXT-X-MAP:")) {
                String mapUri = AttributeList.parse(line.substring(11)).get("URI");
                if (mapUri == null) {
                    throw new PlaylistException("#EXT-X-MAP without URI");
                }
                map = resolve(base, mapUri);
            } else if (line.startsWith("#EXT-X-TARGETDURATION:")) {
                // only a reload-interval hint: a bad value is ignored, not a reason to reject the playlist
                String v = line.substring(22).trim();
                targetDuration = DURATION.matcher(v).matches() ? micros(v) : 0;
            } else if (line.equals("#EXT-X-ENDLIST")) {
                endList = true;
            } else if (line.startsWith("#EXT-X-DATERANGE:")) {
                long[] range = adRange(AttributeList.parse(line.substring(17)));
                if (range != null) {
                    adRanges.add(range);
                }
            } else if (line.startsWith("#EXT-X-STREAM-INF")) {
                throw new PlaylistException("this is a master playlist, not a media playlist");
            } else if (!line.startsWith("#")) {
                if (pendingDuration == null) {
                    throw new PlaylistException("segment '" + ProgramDateTime.shorten(line) + "' has no #EXTINF");
                }
                raws.add(new Raw(resolve(base, line), pendingDuration, pendingTitle, pendingTime, map));
                pendingDuration = null;
                pendingTitle = "";
                pendingTime = null;
            }
        }
        return new MediaPlaylist(resolveTimes(raws, adRanges), endList, targetDuration);
    }

    private static List<MediaSegment> resolveTimes(List<Raw> raws, List<long[]> adRanges) throws PlaylistException {
        int n = raws.size();
        long[] durations = new long[n];
        long[] starts = new long[n];
        int firstTimed = -1;
        for (int i = 0; i < n; i++) {
            durations[i] = micros(raws.get(i).duration);
            if (firstTimed < 0 && raws.get(i).time != null) {
                firstTimed = i;
            }
        }
        if (n > 0 && firstTimed < 0) {
            throw new PlaylistException("no #EXT-X-PROGRAM-DATE-TIME, so segment times are unknown");
        }
        List<MediaSegment> out = new ArrayList<>(n);
        for (int i = firstTimed - 1; i >= 0; i--) {
            starts[i] = (i + 1 == firstTimed ? raws.get(firstTimed).time : starts[i + 1]) - durations[i];
        }
        for (int i = 0; i < n; i++) {
            Raw r = raws.get(i);
            long skew = 0;
            if (i >= firstTimed) {
                long carried = i == 0 ? 0 : starts[i - 1] + durations[i - 1];
                if (r.time != null) {
                    starts[i] = r.time;
                    skew = i == 0 ? 0 : r.time - carried;
                } else {
                    starts[i] = carried;
                }
            }
            boolean ad = r.title.startsWith("Amazon") || inAny(adRanges, starts[i]);
            out.add(new MediaSegment(r.uri, r.duration, durations[i], starts[i], skew, ad, r.map));
        }
        return out;
    }

    /** [start, end) of a Twitch stitched-ad date range, or null for any other range. */
    private static long[] adRange(Map<String, String> attrs) throws PlaylistException {
        String id = attrs.getOrDefault("ID", "");
        String cls = attrs.getOrDefault("CLASS", "");
        if (!cls.equals("twitch-stitched-ad") && !id.startsWith("stitched-ad-")) {
            return null;
        }
        String startText = attrs.get("START-DATE");
        if (startText == null) {
            return null;
        }
        long start = ProgramDateTime.parseMicros(startText);
        String duration = attrs.getOrDefault("DURATION", attrs.get("PLANNED-DURATION"));
        long end = Long.MAX_VALUE;
        if (duration != null && DURATION.matcher(duration).matches()) {
            end = start + micros(duration);
        } else if (attrs.get("END-DATE") != null) {
            end = ProgramDateTime.parseMicros(attrs.get("END-DATE"));
        }
        return new long[] {start, end};
    }

    private static boolean inAny(List<long[]> ranges, long t) {
        for (long[] r : ranges) {
            if (t >= r[0] && t < r[1]) {
                return true;
            }
        }
        return false;
    }

    static long micros(String decimalSeconds) {
        return new BigDecimal(decimalSeconds).movePointRight(6).setScale(0, java.math.RoundingMode.HALF_UP)
                .longValueExact();
    }

    static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    static URI resolve(URI base, String ref) throws PlaylistException {
        try {
            URI u = base.resolve(ref.trim());
            String scheme = u.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                throw new PlaylistException("URI '" + ProgramDateTime.shorten(ref) + "' is not http(s)");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new PlaylistException("bad URI '" + ProgramDateTime.shorten(ref) + "'");
        }
    }

    private record Raw(URI uri, String duration, String title, Long time, URI map) {
    }
}

package org.streamvault.hls;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.streamvault.segments.Hole;
import org.streamvault.segments.Segment;
import org.streamvault.segments.SelectionEntry;
import org.streamvault.segments.Timestamps;

/**
 * Renders media playlists byte for byte as {@link MediaPlaylistWriter#render} does, from
 * per-hour bytes kept in memory: a 24-hour playlist is ~7.6 MB of text, and formatting it
 * again for every request cost more than everything else the request does.
 *
 * <p><b>What is kept.</b> For each hour directory, the three lines of every segment of one
 * listing of it (its best-per-start list, {@link org.streamvault.segments.HourListing#best}),
 * one after the other, with where each segment's lines start. A playlist is then its header,
 * runs of those bytes copied whole, {@code #EXT-X-DISCONTINUITY} at holes and the end list;
 * a segment's lines depend only on the segment, so a run of consecutive segments of one hour
 * is one copy.
 *
 * <p><b>When it is valid.</b> The store makes new {@link Segment} objects each time it lists
 * an hour again (its listing cache is keyed by the directory's modification time), so kept
 * bytes are used for a segment only when the segment <em>is</em> (same object) the one they
 * were rendered from. A closed hour is rendered once per listing; the hour being recorded is
 * listed again as segments arrive, so a live playlist renders only its newest hour. When the
 * hour's listing found through {@link Listings} does not hold the selected segment (another
 * request listed the hour again in between), that hour's segments are rendered one by one for
 * this playlist and nothing is kept.
 *
 * <p>Kept bytes live outside the heap (direct buffers, so they reach a socket without a copy)
 * and are bounded by {@code maxBytes}; the least recently used hours go first. Thread-safe.
 */
public final class MediaPlaylistCache {
    /** How the cache finds the best-per-start list of the hour a segment belongs to. */
    @FunctionalInterface
    public interface Listings {
        /**
         * The best-per-start list, in start order, of the listing of {@code segment}'s hour
         * that the selection came from (normally the store's last listing of it); null if unknown.
         */
        List<Segment> bestOfHour(Segment segment);
    }

    /** One hour's rendered segments. */
    private static final class Hour {
        final Path dir;
        final List<Segment> best;
        final String prefix;
        final ByteBuffer bytes; // read-only, direct
        final int[] offsets; // offsets[i] = start of best[i]'s lines; offsets[n] = bytes.capacity()

        Hour(Path dir, List<Segment> best, String prefix, ByteBuffer bytes, int[] offsets) {
            this.dir = dir;
            this.best = best;
            this.prefix = prefix;
            this.bytes = bytes;
            this.offsets = offsets;
        }

        /** The index of exactly this segment object, or -1; {@code hint} is tried first. */
        int indexOf(Segment s, int hint) {
            if (hint >= 0 && hint < best.size() && best.get(hint) == s) {
                return hint;
            }
            int i = indexByStart(best, s.startMicros());
            return i >= 0 && best.get(i) == s ? i : -1;
        }
    }

    private final long maxBytes;
    private final Map<Path, Hour> hours = new LinkedHashMap<>(64, 0.75f, true);
    private long keptBytes;

    /**
     * @param maxBytes at most this many bytes are kept, and never more than a quarter of the
     *                 JVM's maximum heap, which is also the default limit of direct memory
     *                 (Vert.x needs the rest for its own buffers)
     */
    public MediaPlaylistCache(long maxBytes) {
        this.maxBytes = Math.min(maxBytes, Runtime.getRuntime().maxMemory() / 4);
    }

    /** Bytes of rendered hours kept now. */
    public synchronized long keptBytes() {
        return keptBytes;
    }

    /** {@link #render}, joined into one array. */
    public byte[] renderBytes(String channel, String quality, List<SelectionEntry> entries, Listings listings) {
        return join(render(channel, quality, entries, listings));
    }

    /**
     * The playlist {@link MediaPlaylistWriter#render} gives for the same arguments, as UTF-8
     * bytes in pieces: direct, read-only buffers, most of them views of kept hours, so a
     * socket can be given them without copying (a gathering write).
     */
    public List<ByteBuffer> render(String channel, String quality, List<SelectionEntry> entries, Listings listings) {
        String prefix = MediaPlaylistWriter.prefix(channel, quality);
        StringBuilder header = new StringBuilder(128);
        MediaPlaylistWriter.appendHeader(header, entries);
        Pieces out = new Pieces();
        out.add(direct(header));
        boolean pendingDiscontinuity = false;
        boolean any = false;
        Hour hour = null;
        int index = -1;
        Path unkept = null; // an hour whose listing is not the selection's: rendered segment by segment
        for (SelectionEntry entry : entries) {
            if (entry instanceof Hole) {
                pendingDiscontinuity = any;
                continue;
            }
            Segment s = (Segment) entry;
            if (pendingDiscontinuity) {
                out.add(DISCONTINUITY.duplicate());
                pendingDiscontinuity = false;
            }
            any = true;
            if (hour != null && s.hourDir().equals(hour.dir)) {
                int i = hour.indexOf(s, index + 1);
                if (i >= 0) {
                    out.add(hour, i);
                    index = i;
                    continue;
                }
            }
            hour = s.hourDir().equals(unkept) ? null : hourOf(s, prefix, listings);
            index = hour == null ? -1 : hour.indexOf(s, -1);
            if (index < 0) {
                hour = null;
                unkept = s.hourDir();
                MediaPlaylistWriter.appendSegment(out.text(), prefix, UriPaths.encode(s.hour()), s);
            } else {
                out.add(hour, index);
            }
        }
        if (MediaPlaylistWriter.ended(entries)) {
            out.add(ENDLIST.duplicate());
        }
        return out.finish();
    }

    /** The pieces of a playlist joined into one array. */
    public static byte[] join(List<ByteBuffer> pieces) {
        int size = 0;
        for (ByteBuffer b : pieces) {
            size += b.remaining();
        }
        byte[] out = new byte[size];
        int at = 0;
        for (ByteBuffer b : pieces) {
            int n = b.remaining();
            b.duplicate().get(out, at, n);
            at += n;
        }
        return out;
    }

    private static final ByteBuffer DISCONTINUITY = direct(MediaPlaylistWriter.DISCONTINUITY);
    private static final ByteBuffer ENDLIST = direct(MediaPlaylistWriter.ENDLIST);

    /** Text as UTF-8 in a read-only direct buffer. */
    private static ByteBuffer direct(CharSequence text) {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip().asReadOnlyBuffer();
    }

    /** The kept rendering of {@code s}'s hour that holds {@code s}, rendering it when needed; null if none can. */
    private Hour hourOf(Segment s, String prefix, Listings listings) {
        Path dir = s.hourDir();
        Hour kept;
        synchronized (this) {
            kept = hours.get(dir);
        }
        if (kept != null && kept.prefix.equals(prefix) && kept.indexOf(s, -1) >= 0) {
            return kept;
        }
        List<Segment> best = listings.bestOfHour(s);
        int i = best == null ? -1 : indexByStart(best, s.startMicros());
        if (i < 0 || best.get(i) != s) {
            return null;
        }
        Hour rendered = renderHour(dir, best, prefix);
        if (rendered.bytes.capacity() > maxBytes) {
            return rendered; // used for this playlist only
        }
        synchronized (this) {
            Hour old = hours.put(dir, rendered);
            keptBytes += rendered.bytes.capacity() - (old == null ? 0 : old.bytes.capacity());
            Iterator<Hour> eldest = hours.values().iterator();
            while (keptBytes > maxBytes && eldest.hasNext()) {
                Hour h = eldest.next();
                if (h != rendered) {
                    keptBytes -= h.bytes.capacity();
                    eldest.remove();
                }
            }
        }
        return rendered;
    }

    private static Hour renderHour(Path dir, List<Segment> best, String prefix) {
        StringBuilder sb = new StringBuilder(best.size() * 180);
        int[] offsets = new int[best.size() + 1];
        String encodedHour = best.isEmpty() ? "" : UriPaths.encode(best.get(0).hour());
        // "#EXT-X-PROGRAM-DATE-TIME:YYYY-MM-DDTHH:" is the same for every segment of the hour
        String timePrefix = best.isEmpty() ? "" : "#EXT-X-PROGRAM-DATE-TIME:"
                + Timestamps.formatIso(Timestamps.truncateToHour(best.get(0).startMicros())).substring(0, 14);
        String uriPrefix = prefix + encodedHour + "/";
        for (int i = 0; i < best.size(); i++) {
            offsets[i] = sb.length();
            appendSegment(sb, timePrefix, uriPrefix, encodedHour, prefix, best.get(i));
        }
        offsets[best.size()] = sb.length();
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length != sb.length()) { // a non-ASCII character cannot occur (all is percent-encoded), but be exact
            int[] utf8 = new int[offsets.length];
            for (int i = 0; i < offsets.length; i++) {
                utf8[i] = sb.substring(0, offsets[i]).getBytes(StandardCharsets.UTF_8).length;
            }
            offsets = utf8;
        }
        ByteBuffer kept = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip().asReadOnlyBuffer();
        return new Hour(dir, best, prefix, kept, offsets);
    }

    /**
     * {@link MediaPlaylistWriter#appendSegment}, faster for names as the store writes them
     * ({@code MM:SS.ffffff-...}, which is the segment's time within its hour as the program
     * date-time prints it): the time is copied from the name, and the name is percent-encoded
     * in runs. Anything else goes to the reference. The two are compared in MediaPlaylistCacheTest.
     */
    private static void appendSegment(StringBuilder sb, String timePrefix, String uriPrefix, String encodedHour,
            String prefix, Segment s) {
        String name = s.name().fileName();
        if (name.length() < 13 || name.charAt(12) != '-' || name.charAt(2) != ':' || name.charAt(5) != '.') {
            MediaPlaylistWriter.appendSegment(sb, prefix, encodedHour, s);
            return;
        }
        sb.append(timePrefix).append(name, 0, 12).append("Z\n#EXTINF:");
        MediaPlaylistWriter.appendSeconds(sb, MediaPlaylistWriter.roundedMillis(s.durationMicros()));
        sb.append(",\n").append(uriPrefix);
        int run = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!UriPaths.isUnreserved(c)) {
                sb.append(name, run, i);
                if (c < 0x80) {
                    sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    run = i + 1;
                } else {
                    // not in a store-written name; the reference encodes the rest
                    UriPaths.appendEncoded(sb, name.substring(i));
                    sb.append('\n');
                    return;
                }
            }
        }
        sb.append(name, run, name.length()).append('\n');
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** Binary search of a start-ordered list with unique starts; -1 when no segment starts there. */
    private static int indexByStart(List<Segment> best, long startMicros) {
        int lo = 0;
        int hi = best.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long m = best.get(mid).startMicros();
            if (m < startMicros) {
                lo = mid + 1;
            } else if (m > startMicros) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** The playlist as pieces: literal bytes, and runs of consecutive segments of one kept hour. */
    private static final class Pieces {
        private final List<ByteBuffer> pieces = new ArrayList<>();
        private Hour runHour;
        private int runFrom;
        private int runTo; // inclusive
        private StringBuilder text;

        void add(ByteBuffer literal) {
            endRun();
            pieces.add(literal);
        }

        /** Where segments rendered one by one go; consecutive ones become one piece. */
        StringBuilder text() {
            endRun();
            if (text == null) {
                text = new StringBuilder(4096);
            }
            return text;
        }

        /** Adds {@code hour.best[i]}'s lines, joining them to the run they continue. */
        void add(Hour hour, int i) {
            if (runHour == hour && i == runTo + 1) {
                runTo = i;
                return;
            }
            endRun();
            runHour = hour;
            runFrom = i;
            runTo = i;
        }

        private void endRun() {
            if (text != null) {
                StringBuilder t = text;
                text = null;
                pieces.add(direct(t));
            }
            if (runHour != null) {
                int from = runHour.offsets[runFrom];
                pieces.add(runHour.bytes.slice(from, runHour.offsets[runTo + 1] - from));
                runHour = null;
            }
        }

        List<ByteBuffer> finish() {
            endRun();
            return pieces;
        }
    }
}

package org.streamvault.hls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.Segment;
import org.streamvault.segments.SegmentHash;
import org.streamvault.segments.SegmentStore;
import org.streamvault.segments.SegmentType;
import org.streamvault.segments.SelectionEntry;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.StoreBuilder;

/**
 * The cached renderer against the plain one ({@link MediaPlaylistWriter#render}), byte for
 * byte, over a store with holes, ties, incomplete segments, overlaps, a segment crossing an
 * hour, an hour that keeps growing and tombstones added between requests.
 */
class MediaPlaylistCacheTest {
    private static final long SEC = Timestamps.MICROS_PER_SECOND;
    private static final String CHANNEL = "désert bus"; // percent-encoded in every URI
    private static final String QUALITY = "source";
    private static final long H14 = Timestamps.parseUtc("2026-11-20T14:00:00");

    @TempDir
    Path base;

    /** Counts how often the cache had to look an hour up, i.e. render it. */
    private final AtomicInteger lookups = new AtomicInteger();

    private StoreBuilder builder() {
        return new StoreBuilder(base, CHANNEL, QUALITY);
    }

    /** Three hours, 14:00-17:00, 2 s segments with the anomalies a real store has. */
    private void buildStore() {
        StoreBuilder b = builder();
        SplittableRandom random = new SplittableRandom(7);
        b.add(H14 - 1 * SEC, "2.0", SegmentType.FULL, 40); // 13:59:59, contains 14:00:00
        // a name another writer might use: a fraction of one digit (the renderer's fast path is for six)
        b.addRaw("2026-11-20T13:59:30", "59:30.5-2.0-full-" + SegmentHash.encode(SegmentHash.newDigest()
                .digest(new byte[] {1})) + ".ts", new byte[] {1});
        for (long t = H14 + SEC; t < H14 + 3 * 3600 * SEC; t += 2 * SEC) {
            int r = random.nextInt(100);
            if (r < 4) {
                continue; // hole
            }
            SegmentType type = r < 7 ? SegmentType.PARTIAL : r < 9 ? SegmentType.SUSPECT : SegmentType.FULL;
            b.add(t, r == 50 ? "2.5" : "2.0", type, 30 + r); // a 2.5 s one overlaps the next
            if (r > 94) {
                b.add(t, "2.0", SegmentType.FULL, 31 + r); // a tie broken by size
            }
            if (r == 93) {
                b.add(t, "2.0", SegmentType.TEMP, 10);
            }
        }
    }

    private static byte[] plain(List<SelectionEntry> entries) {
        return MediaPlaylistWriter.render(CHANNEL, QUALITY, entries).getBytes(StandardCharsets.UTF_8);
    }

    private List<SelectionEntry> select(SegmentStore store, long start, long end) throws Exception {
        return store.select(CHANNEL, QUALITY, start, end, true).entries();
    }

    private byte[] cached(MediaPlaylistCache cache, SegmentStore store, List<SelectionEntry> entries) {
        return cache.renderBytes(CHANNEL, QUALITY, entries, s -> {
            lookups.incrementAndGet();
            return store.lastListing(CHANNEL, QUALITY, s.hour()).best();
        });
    }

    /** Renders both ways, twice through the cache (rendered, then kept), and compares. */
    private String same(MediaPlaylistCache cache, SegmentStore store, long start, long end) throws Exception {
        List<SelectionEntry> entries = select(store, start, end);
        byte[] expected = plain(entries);
        assertThat(new String(cached(cache, store, entries), StandardCharsets.UTF_8))
                .as("first, range %s - %s", Timestamps.formatIso(start), Timestamps.formatIso(end))
                .isEqualTo(new String(expected, StandardCharsets.UTF_8));
        List<SelectionEntry> again = select(store, start, end);
        assertThat(cached(cache, store, again)).as("kept").isEqualTo(plain(again));
        return new String(expected, StandardCharsets.UTF_8);
    }

    @Test
    void rangesStartingAndEndingMidHourWithHolesAreIdentical() throws Exception {
        buildStore();
        Thread.sleep(1_100); // past the store's racy-listing margin, so listings are kept
        SegmentStore store = new SegmentStore(base);
        MediaPlaylistCache cache = new MediaPlaylistCache(64 << 20);
        String all = same(cache, store, H14, H14 + 3 * 3600 * SEC);
        assertThat(all).contains("#EXT-X-DISCONTINUITY").contains("d%C3%A9sert%20bus").contains("#EXTINF:2.500,")
                .contains("2026-11-20T13/59%3A59.000000-2.0-full-");
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 80; i++) {
            long start = H14 - 30 * SEC + random.nextLong(3 * 3600 * SEC);
            long end = start + 1 + random.nextLong(2 * 3600 * SEC);
            same(cache, store, start, end);
        }
        same(cache, store, H14 + 7 * SEC + 123, H14 + 7 * SEC + 124); // inside one segment
        assertThat(same(cache, store, H14 - 31 * SEC, H14 + 60 * SEC))
                .contains("#EXT-X-PROGRAM-DATE-TIME:2026-11-20T13:59:30.500000Z\n#EXTINF:2.000,\n")
                .contains("/2026-11-20T13/59%3A30.5-2.0-full-");
        same(cache, store, H14 + 5 * 3600 * SEC, H14 + 6 * 3600 * SEC); // nothing there: a hole only
        // live (open-ended) playlists are trimmed before rendering; the cut-off entries render the same
        List<SelectionEntry> entries = select(store, H14, H14 + 3 * 3600 * SEC);
        for (int cut = 1; cut < entries.size(); cut += 97) {
            List<SelectionEntry> part = entries.subList(0, cut);
            assertThat(cached(cache, store, part)).isEqualTo(plain(part));
        }
        assertThat(cache.keptBytes()).isGreaterThan(0);
    }

    @Test
    void keptHoursAreCopiedNotRenderedAgain() throws Exception {
        buildStore();
        Thread.sleep(1_100);
        SegmentStore store = new SegmentStore(base);
        MediaPlaylistCache cache = new MediaPlaylistCache(64 << 20);
        List<SelectionEntry> entries = select(store, H14 + 10 * SEC, H14 + 2 * 3600 * SEC + 10 * SEC);
        byte[] first = cached(cache, store, entries);
        assertThat(lookups.get()).isEqualTo(3); // 14, 15, 16
        byte[] second = cached(cache, store, select(store, H14 + 10 * SEC, H14 + 2 * 3600 * SEC + 10 * SEC));
        assertThat(lookups.get()).isEqualTo(3);
        assertThat(second).isEqualTo(first).isEqualTo(plain(entries));
    }

    @Test
    void aGrowingHourShowsItsNewSegmentAndOnlyThatHourIsRenderedAgain() throws Exception {
        buildStore();
        Thread.sleep(1_100);
        SegmentStore store = new SegmentStore(base);
        MediaPlaylistCache cache = new MediaPlaylistCache(64 << 20);
        long end = H14 + 4 * 3600 * SEC;
        String before = same(cache, store, H14, end);
        for (int round = 0; round < 3; round++) {
            long t = H14 + 3 * 3600 * SEC + SEC + round * 2 * SEC; // the "live" hour 17:00, on the odd seconds
            Path added = builder().add(t, "2.0", SegmentType.FULL, 60 + round);
            int lookupsBefore = lookups.get();
            String after = same(cache, store, H14, end);
            assertThat(after).contains(added.getFileName().toString().replace(":", "%3A")).isNotEqualTo(before);
            assertThat(lookups.get() - lookupsBefore).as("only the live hour is rendered again").isBetween(1, 2);
            before = after;
        }
        // the same within one clock tick of the directory's change: the store lists it again
        Path quick = builder().add(H14 + 3 * 3600 * SEC + 7 * SEC, "2.0", SegmentType.FULL, 70);
        assertThat(same(cache, store, H14, end)).contains(quick.getFileName().toString().replace(":", "%3A"));
    }

    @Test
    void aTombstoneAddedBetweenRequestsRemovesItsSegment() throws Exception {
        buildStore();
        Thread.sleep(1_100);
        SegmentStore store = new SegmentStore(base);
        MediaPlaylistCache cache = new MediaPlaylistCache(64 << 20);
        long start = H14 + 1800 * SEC + 500_000;
        long end = H14 + 5400 * SEC + 250_000;
        same(cache, store, start, end);
        Segment victim = store.select(CHANNEL, QUALITY, start, end, true).segments().get(600);
        String name = victim.name().fileName();
        Files.createFile(victim.path().resolveSibling(name + ".tombstone"));
        String after = same(cache, store, start, end);
        assertThat(after).doesNotContain(name.replace(":", "%3A"));
        // and one written in the bare form, X.tombstone
        Segment other = store.select(CHANNEL, QUALITY, start, end, true).segments().get(100);
        String otherName = other.name().fileName();
        Files.createFile(other.path().resolveSibling(otherName.substring(0, otherName.length() - 3) + ".tombstone"));
        assertThat(same(cache, store, start, end)).doesNotContain(otherName.replace(":", "%3A"));
    }

    @Test
    void anHourListedAgainByAnotherRequestIsRenderedSegmentBySegmentOncePerHour() throws Exception {
        buildStore();
        SegmentStore store = new SegmentStore(base);
        MediaPlaylistCache cache = new MediaPlaylistCache(64 << 20);
        List<SelectionEntry> entries = select(store, H14 + 17 * SEC, H14 + 3 * 3600 * SEC - 17 * SEC);
        // every lookup finds a newer listing than the selection's (new Segment objects)
        byte[] bytes = cache.renderBytes(CHANNEL, QUALITY, entries, s -> {
            lookups.incrementAndGet();
            return new SegmentStore(base).hour(CHANNEL, QUALITY, s.hour()).best();
        });
        assertThat(bytes).isEqualTo(plain(entries));
        assertThat(lookups.get()).isEqualTo(3);
        assertThat(cache.keptBytes()).isZero();
    }

    @Test
    void aCacheTooSmallToKeepAnHourStillRendersTheSame() throws Exception {
        buildStore();
        SegmentStore store = new SegmentStore(base);
        MediaPlaylistCache none = new MediaPlaylistCache(0);
        same(none, store, H14 + 17 * SEC, H14 + 3 * 3600 * SEC - 17 * SEC);
        assertThat(none.keptBytes()).isZero();
        MediaPlaylistCache oneHour = new MediaPlaylistCache(400_000); // an hour is ~300 KB
        same(oneHour, store, H14 + 17 * SEC, H14 + 3 * 3600 * SEC - 17 * SEC);
        assertThat(oneHour.keptBytes()).isBetween(1L, 400_000L);
    }
}

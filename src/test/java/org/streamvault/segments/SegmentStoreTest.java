package org.streamvault.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.testing.StoreBuilder;

class SegmentStoreTest {
    @TempDir
    Path base;

    private StoreBuilder store() {
        return new StoreBuilder(base, "desertbus", "source");
    }

    private static long t(String iso) {
        return Timestamps.parseUtc(iso);
    }

    @Test
    void listsChannelsQualitiesAndHoursSkippingHiddenNames() throws Exception {
        store().add("2026-11-20T14:00:00", "2.0", SegmentType.FULL, 10);
        store().add("2026-11-20T15:00:00", "2.0", SegmentType.FULL, 10);
        Files.createDirectories(base.resolve(".hidden-channel"));
        Files.createDirectories(base.resolve("desertbus/source/.partial-copy"));
        SegmentStore s = new SegmentStore(base);
        assertThat(s.channels()).containsExactly("desertbus");
        assertThat(s.qualities("desertbus")).containsExactly("source");
        assertThat(s.hours("desertbus", "source")).containsExactly("2026-11-20T14", "2026-11-20T15");
        assertThat(s.hourStarts("desertbus", "source")).containsExactly(t("2026-11-20T14:00:00"), t("2026-11-20T15:00:00"));
    }

    @Test
    void missingDirectoriesListAsEmpty() {
        SegmentStore s = new SegmentStore(base.resolve("nothing-here"));
        assertThat(s.channels()).isEmpty();
        assertThat(s.qualities("x")).isEmpty();
        assertThat(s.hour("x", "y", "2026-11-20T14")).isEqualTo(HourListing.EMPTY);
    }

    @Test
    void junkAndHiddenFilesAreSkippedButDoNotFailTheHour() throws Exception {
        Path good = store().add("2026-11-20T14:00:00", "2.0", SegmentType.FULL, 10);
        store().addRaw("2026-11-20T14:00:00", "junk.txt", new byte[1]);
        store().addRaw("2026-11-20T14:00:00", "00:02.000000-2.0-broken-AAAA.ts", new byte[1]);
        store().addRaw("2026-11-20T14:00:00", ".00:04.000000-2.0-full-AAAA.ts", new byte[1]);
        HourListing hour = new SegmentStore(base).hour("desertbus", "source", "2026-11-20T14");
        assertThat(hour.best()).extracting(seg -> seg.name().fileName()).containsExactly(good.getFileName().toString());
        assertThat(hour.visibleNames()).contains("junk.txt").doesNotContain(".00:04.000000-2.0-full-AAAA.ts");
    }

    @Test
    void tombstoneHidesItsSegmentFromListingsAndSelection() throws Exception {
        Path a = store().add("2026-11-20T14:00:00", "2.0", SegmentType.FULL, 10);
        Path b = store().add("2026-11-20T14:00:02", "2.0", SegmentType.FULL, 10);
        Path c = store().add("2026-11-20T14:00:04", "2.0", SegmentType.FULL, 10);
        String bName = b.getFileName().toString();
        String cName = c.getFileName().toString();
        Files.createFile(b.resolveSibling(bName + ".tombstone"));
        Files.createFile(c.resolveSibling(cName.substring(0, cName.length() - 3) + ".tombstone"));
        SegmentStore s = new SegmentStore(base);
        HourListing hour = s.hour("desertbus", "source", "2026-11-20T14");
        assertThat(hour.visibleNames()).contains(a.getFileName().toString(), bName + ".tombstone")
                .doesNotContain(bName, cName);
        Selection sel = s.select("desertbus", "source", t("2026-11-20T14:00:00"), t("2026-11-20T14:00:06"), true);
        assertThat(sel.segments()).extracting(Segment::path).containsExactly(a);
        assertThat(sel.hasHoles()).isTrue();
    }

    @Test
    void segmentStartingInThePreviousHourCoversAStartOnTheHour() throws Exception {
        store().add("2026-11-20T14:59:59", "2.0", SegmentType.FULL, 10);
        store().add("2026-11-20T15:00:01", "2.0", SegmentType.FULL, 10);
        Selection sel = new SegmentStore(base).select("desertbus", "source",
                t("2026-11-20T15:00:00"), t("2026-11-20T15:00:03"), false);
        assertThat(sel.segments()).extracting(Segment::hour).containsExactly("2026-11-20T14", "2026-11-20T15");
    }

    @Test
    void largerOfTwoPartialsIsChosenOnDisk() throws Exception {
        store().add("2026-11-20T14:00:00", "2.0", SegmentType.PARTIAL, 10);
        Path larger = store().add("2026-11-20T14:00:00", "2.0", SegmentType.PARTIAL, 20);
        assertThat(new SegmentStore(base).hour("desertbus", "source", "2026-11-20T14").best())
                .extracting(Segment::path).containsExactly(larger);
    }

    @Test
    void unchangedHourIsServedFromCacheAndAChangeIsSeen() throws Exception {
        store().add("2026-11-20T14:00:00", "2.0", SegmentType.FULL, 10);
        Path hourDir = store().hourDir(t("2026-11-20T14:00:00"));
        // pretend the last change was long ago, so the listing is trusted
        FileTime old = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
        Files.setLastModifiedTime(hourDir, old);
        SegmentStore s = new SegmentStore(base);
        HourListing first = s.hour("desertbus", "source", "2026-11-20T14");
        assertThat(s.hour("desertbus", "source", "2026-11-20T14")).isSameAs(first);

        store().add("2026-11-20T14:00:02", "2.0", SegmentType.FULL, 10);
        HourListing second = s.hour("desertbus", "source", "2026-11-20T14");
        assertThat(second.best()).hasSize(2);
    }

    @Test
    void listingTakenInTheSameTickAsAChangeIsNotTrusted() throws Exception {
        store().add("2026-11-20T14:00:00", "2.0", SegmentType.FULL, 10);
        Path hourDir = store().hourDir(t("2026-11-20T14:00:00"));
        FileTime now = FileTime.fromMillis(System.currentTimeMillis());
        Files.setLastModifiedTime(hourDir, now);
        SegmentStore s = new SegmentStore(base);
        HourListing first = s.hour("desertbus", "source", "2026-11-20T14");
        // a file added in the same clock tick leaves the directory mtime where it was
        store().add("2026-11-20T14:00:02", "2.0", SegmentType.FULL, 10);
        Files.setLastModifiedTime(hourDir, now);
        HourListing second = s.hour("desertbus", "source", "2026-11-20T14");
        assertThat(second).isNotSameAs(first);
        assertThat(second.best()).hasSize(2);
    }

    @Test
    void pathTricksAreRefused() {
        SegmentStore s = new SegmentStore(base);
        for (String bad : new String[] {"..", ".", ".hidden", "a/b", "a\\b", "nul\0byte", ""}) {
            assertThatThrownBy(() -> s.qualities(bad)).as(bad).isInstanceOf(StorePathException.class);
            assertThatThrownBy(() -> s.file("c", "q", "h", bad)).as(bad).isInstanceOf(StorePathException.class);
        }
    }

    @Test
    void selectionReadsOnlyTheHoursItNeeds() throws Exception {
        store().add("2026-11-20T10:00:00", "2.0", SegmentType.FULL, 10);
        store().add("2026-11-20T14:00:00", "2.0", SegmentType.FULL, 10);
        Selection sel = new SegmentStore(base).select("desertbus", "source",
                t("2026-11-20T14:00:00"), t("2026-11-20T14:00:02"), true);
        assertThat(sel.entries()).hasSize(1);
        assertThat(List.copyOf(sel.segments())).extracting(Segment::hour).containsExactly("2026-11-20T14");
    }

    @Test
    void readingHoursAheadGivesTheSelectionOfReadingThemOneByOne() throws Exception {
        long h0 = t("2026-11-20T00:00:00");
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (long at = h0 + 1_000_000; at < h0 + 30 * Timestamps.MICROS_PER_HOUR; at += 60_000_000) {
            if (random.nextInt(10) > 0) { // 1 in 10 missing; whole hours missing below
                store().add(at, random.nextInt(20) == 0 ? "61.5" : "60.0",
                        random.nextInt(15) == 0 ? SegmentType.PARTIAL : SegmentType.FULL, 10 + random.nextInt(3));
            }
        }
        for (String gone : new String[] {"2026-11-20T05", "2026-11-20T06", "2026-11-20T17"}) {
            Path dir = base.resolve("desertbus/source").resolve(gone);
            try (var files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
        SegmentStore s = new SegmentStore(base);
        for (long[] range : new long[][] {{h0, h0 + 30 * Timestamps.MICROS_PER_HOUR},
            {h0 + 1_234_567, h0 + 29 * Timestamps.MICROS_PER_HOUR + 7}, {h0 + 4 * Timestamps.MICROS_PER_HOUR + 5,
                h0 + 18 * Timestamps.MICROS_PER_HOUR}}) {
            List<List<Segment>> oneByOne = new java.util.ArrayList<>();
            for (long h = Timestamps.truncateToHour(range[0]) - Timestamps.MICROS_PER_HOUR;
                    h <= Timestamps.truncateToHour(range[1]); h += Timestamps.MICROS_PER_HOUR) {
                oneByOne.add(s.hour("desertbus", "source", Timestamps.formatHour(h)).best());
            }
            Selection expected = BestSegments.select(oneByOne, range[0], range[1], true);
            Selection ahead = new SegmentStore(base).select("desertbus", "source", range[0], range[1], true);
            assertThat(ahead.toString()).isEqualTo(expected.toString());
            assertThat(ahead.hasHoles()).isTrue();
        }
    }
}

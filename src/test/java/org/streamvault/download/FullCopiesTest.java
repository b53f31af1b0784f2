package org.streamvault.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.SegmentName;
import org.streamvault.segments.SegmentType;
import org.streamvault.segments.Timestamps;

class FullCopiesTest {
    @TempDir
    Path qualityDir;

    private static final long HOUR = Timestamps.parseUtc("2026-11-20T14:00:00");
    private static final long AT_10S = HOUR + 10_000_000L;
    private static final long AT_12S = HOUR + 12_000_000L;

    private void file(long start, String duration, SegmentType type) throws Exception {
        Path dir = Files.createDirectories(qualityDir.resolve(Timestamps.formatHour(start)));
        Files.createFile(dir.resolve(SegmentName.format(Math.floorMod(start, Timestamps.MICROS_PER_HOUR), duration,
                type, "aGFzaA")));
    }

    @Test
    void aFullFileAlreadyInTheStoreIsFound() throws Exception {
        file(AT_10S, "2.000", SegmentType.FULL);
        FullCopies copies = new FullCopies(qualityDir);
        assertThat(copies.has(AT_10S, "2.000")).isTrue();
        // same start, other duration: another segment
        assertThat(copies.has(AT_10S, "2.002")).isFalse();
        assertThat(copies.has(AT_12S, "2.000")).isFalse();
    }

    @Test
    void onlyFullCopiesCount() throws Exception {
        file(AT_10S, "2.000", SegmentType.PARTIAL);
        file(AT_12S, "2.000", SegmentType.SUSPECT);
        FullCopies copies = new FullCopies(qualityDir);
        assertThat(copies.has(AT_10S, "2.000")).isFalse();
        assertThat(copies.has(AT_12S, "2.000")).isFalse();
    }

    @Test
    void theStreamsOwnSavesAreKnownWithoutListingAgain() throws Exception {
        FullCopies copies = new FullCopies(qualityDir);
        assertThat(copies.has(AT_10S, "2.000")).isFalse(); // lists the (missing) hour once
        copies.saved(AT_10S, "2.000");
        assertThat(copies.has(AT_10S, "2.000")).isTrue();
        // files appearing after the listing are not looked for: the cost of a fetch too many, never one too few
        file(AT_12S, "2.000", SegmentType.FULL);
        assertThat(copies.has(AT_12S, "2.000")).isFalse();
    }

    @Test
    void aSaveInAnHourNotListedYetIsSeenWhenItIsListed() throws Exception {
        FullCopies copies = new FullCopies(qualityDir);
        copies.saved(AT_10S, "2.000"); // the file is there by then
        file(AT_10S, "2.000", SegmentType.FULL);
        assertThat(copies.has(AT_10S, "2.000")).isTrue();
    }

    @Test
    void anOldHourIsListedAgainAfterItWasForgotten() throws Exception {
        FullCopies copies = new FullCopies(qualityDir);
        assertThat(copies.has(AT_10S, "2.000")).isFalse();
        for (int h = 1; h <= 3; h++) {
            copies.has(AT_10S + h * Timestamps.MICROS_PER_HOUR, "2.000");
        }
        file(AT_10S, "2.000", SegmentType.FULL);
        assertThat(copies.has(AT_10S, "2.000")).isTrue();
    }
}

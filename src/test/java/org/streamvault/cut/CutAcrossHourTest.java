package org.streamvault.cut;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.streamvault.segments.SegmentStore;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.CutChecker;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestMedia;

/**
 * A range that ends exactly on the hour: its last segment's follower (which holds the audio of
 * the range's last milliseconds) is the first segment of the next hour's directory.
 */
class CutAcrossHourTest {
    /** 16 s before the hour, so the kind's 24 s run 8 s into the next hour. */
    static final long START = Timestamps.parseUtc("2026-11-20T14:59:44");
    static final long HOUR = Timestamps.parseUtc("2026-11-20T15:00:00");

    @TempDir
    static Path base;
    @TempDir
    Path work;

    static SegmentStore store;

    @BeforeAll
    static void storeAcrossTheHour() throws Exception {
        new StoreBuilder(base, "hours", "plain").addKind(TestMedia.Kind.BFRAMES_2S, START);
        store = new SegmentStore(base);
    }

    @ParameterizedTest
    @EnumSource(value = CutType.class, names = {"FAST", "SMART", "MPEGTS", "MP4"})
    void rangeEndingOnTheHourKeepsItsAudio(CutType type) throws Exception {
        CutRange range = new CutRange(HOUR - 6 * Timestamps.MICROS_PER_SECOND, HOUR);
        CutPart part = new CutPart(range, store.select("hours", "plain", range.startMicros(), range.endMicros(), false));
        Path out = work.resolve("cut." + (type == CutType.MP4 ? "mp4" : "ts"));
        try (OutputStream o = Files.newOutputStream(out)) {
            new Cutter(CutSettings.defaults().withTempDir(work.resolve("tmp"))).writeTo(new CutRequest(type, List.of(part)), o);
        }

        CutChecker.assertPlaysAs(out, 6.0);
    }
}

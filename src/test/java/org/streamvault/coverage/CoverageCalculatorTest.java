package org.streamvault.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.SegmentStore;
import org.streamvault.segments.SegmentType;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.StoreBuilder;

class CoverageCalculatorTest {
    private static final long HOUR = Timestamps.parseUtc("2026-11-20T14:00:00");
    private static final long S = Timestamps.MICROS_PER_SECOND;

    @TempDir
    Path base;

    @Test
    void countsDurationsCoverageHolesAndOverlapsOfAPastHour() {
        CoverageFixture.write(base, "chan", "source", HOUR);
        HourCoverage c = new CoverageCalculator(new SegmentStore(base))
                .hour("chan", "source", HOUR, HOUR + 2 * Timestamps.MICROS_PER_HOUR);
        assertThat(c.counts()).containsEntry(SegmentType.FULL, 5).containsEntry(SegmentType.PARTIAL, 1)
                .containsEntry(SegmentType.SUSPECT, 0).containsEntry(SegmentType.TEMP, 1);
        assertThat(c.durationMicros()).containsEntry(SegmentType.FULL, 10 * S).containsEntry(SegmentType.PARTIAL, 2 * S);
        assertThat(c.rawMicros()).isEqualTo(9 * S);
        assertThat(c.editableMicros()).isEqualTo(7 * S);
        assertThat(c.holes()).isEqualTo(3);
        assertThat(c.overlaps()).isEqualTo(1);
    }

    @Test
    void theHourBeingRecordedIsJudgedUpToItsNewestSegment() {
        StoreBuilder b = new StoreBuilder(base, "chan", "source");
        for (int i = 0; i < 10; i++) {
            b.add(HOUR + i * 2 * S, "2.0", SegmentType.FULL, 100);
        }
        // 21 s into the hour; the newest segment ended at 20 s: no trailing hole yet
        HourCoverage c = new CoverageCalculator(new SegmentStore(base)).hour("chan", "source", HOUR, HOUR + 21 * S);
        assertThat(c.holes()).isZero();
        assertThat(c.editableMicros()).isEqualTo(20 * S);
    }

    @Test
    void aSegmentFromThePreviousHourCoversTheStartOfThisOne() {
        new StoreBuilder(base, "chan", "source").add(HOUR - S, "4.0", SegmentType.FULL, 100);
        HourCoverage c = new CoverageCalculator(new SegmentStore(base))
                .hour("chan", "source", HOUR, HOUR + 2 * Timestamps.MICROS_PER_HOUR);
        assertThat(c.counts()).containsEntry(SegmentType.FULL, 0);
        assertThat(c.editableMicros()).isEqualTo(3 * S);
    }

    @Test
    void anEmptyHourIsOneHole() {
        HourCoverage c = new CoverageCalculator(new SegmentStore(base))
                .hour("chan", "source", HOUR, HOUR + 2 * Timestamps.MICROS_PER_HOUR);
        assertThat(c.rawMicros()).isZero();
        assertThat(c.holes()).isEqualTo(1);
    }
}

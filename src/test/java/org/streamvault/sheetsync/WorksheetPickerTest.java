package org.streamvault.sheetsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Which worksheets each pass reads, and when passes are due. */
class WorksheetPickerTest {
    @Test
    void firstPassReadsAllThenTheMostRecentlyChangedEveryNthPassAllAgain() {
        WorksheetPicker p = new WorksheetPicker(List.of("Day 1", "Day 2", "Day 3", "Day 4"), 2, 3);
        assertThat(p.next()).containsExactly("Day 1", "Day 2", "Day 3", "Day 4");
        // nothing changed yet: the last days configured count as the most recent
        assertThat(p.next()).containsExactly("Day 3", "Day 4");
        p.changed("Day 1");
        assertThat(p.next()).containsExactly("Day 1", "Day 4");
        assertThat(p.next()).hasSize(4);
        p.changed("Day 2");
        assertThat(p.next()).containsExactly("Day 1", "Day 2");
    }

    @Test
    void passesComeOneJitteredIntervalApart() {
        AtomicLong now = new AtomicLong(1_000);
        SyncSchedule s = new SyncSchedule(5_000, 1_000, now::get, new Random(7));
        assertThat(s.due()).isTrue();
        long[] gaps = new long[50];
        for (int i = 0; i < gaps.length; i++) {
            s.started();
            long start = now.get();
            while (!s.due()) {
                now.addAndGet(10);
            }
            gaps[i] = now.get() - start;
        }
        assertThat(java.util.Arrays.stream(gaps).min().orElseThrow()).isGreaterThanOrEqualTo(4_000L);
        assertThat(java.util.Arrays.stream(gaps).max().orElseThrow()).isLessThanOrEqualTo(6_010L);
        assertThat(java.util.Arrays.stream(gaps).distinct().count()).isGreaterThan(10);
    }

    @Test
    void healthTurnsDownOnlyAfterEnoughFailuresInARow() {
        SyncHistory h = new SyncHistory(3);
        h.failed("503");
        h.failed("503");
        assertThat(h.problem()).isNull();
        h.failed("quota");
        assertThat(h.problem()).contains("last 3", "quota");
        h.succeeded();
        assertThat(h.problem()).isNull();
    }
}

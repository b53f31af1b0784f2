package org.streamvault.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.streamvault.segments.Timestamps;

class BackfillWindowTest {
    static final long NOW = Timestamps.parseUtc("2026-11-20T14:30:00Z");

    @Test
    void hoursAgoStartsAtTheHourContainingThatTime() {
        BackfillWindow w = BackfillWindow.parse("3", 120);
        assertThat(Timestamps.formatHour(w.earliestHour(NOW))).isEqualTo("2026-11-20T11");
        assertThat(Timestamps.formatHour(BackfillWindow.parse("0.75", 0).earliestHour(NOW))).isEqualTo("2026-11-20T13");
        assertThat(w.isBounded()).isTrue();
    }

    @Test
    void absoluteStart() {
        BackfillWindow w = BackfillWindow.parse("2026-11-19T23:59:59Z", 120);
        assertThat(Timestamps.formatHour(w.earliestHour(NOW))).isEqualTo("2026-11-19T23");
    }

    @Test
    void emptyMeansEveryHour() {
        BackfillWindow w = BackfillWindow.parse(" ", 120);
        assertThat(w.isBounded()).isFalse();
        assertThat(w.hoursNewestFirst(List.of("1999-01-01T00"), NOW)).containsExactly("1999-01-01T00");
    }

    @Test
    void badSettingsSayWhatWasExpected() {
        assertThatThrownBy(() -> BackfillWindow.parse("three", 120)).hasMessageContaining("hours ago");
        assertThatThrownBy(() -> BackfillWindow.parse("-1", 120)).hasMessageContaining("hours ago");
        assertThatThrownBy(() -> BackfillWindow.parse("2026-11-19T23", 120)).hasMessageContaining("start");
        assertThatThrownBy(() -> BackfillWindow.parse("1", -5)).hasMessageContaining("recent-cutoff");
    }

    @Test
    void hoursAreFilteredAndNewestFirstWithoutTouchingTheCallersList() {
        List<String> given = new ArrayList<>(List.of("2026-11-20T12", "junk", "2026-11-20T14", "2026-11-20T10",
                "2026-11-20T11", ".hidden"));
        List<String> copy = List.copyOf(given);
        List<String> hours = BackfillWindow.parse("3", 0).hoursNewestFirst(given, NOW);
        assertThat(hours).containsExactly("2026-11-20T14", "2026-11-20T12", "2026-11-20T11");
        assertThat(given).isEqualTo(copy);
    }

    @Test
    void recentCutoffLeavesTheNewestSegmentsToTheDownloader() {
        BackfillWindow w = BackfillWindow.parse("", 120);
        assertThat(w.isTooRecent(NOW - 119_000_000L, NOW)).isTrue();
        assertThat(w.isTooRecent(NOW - 120_000_000L, NOW)).isFalse();
        assertThat(BackfillWindow.parse("", 0).isTooRecent(NOW, NOW)).isFalse();
    }
}

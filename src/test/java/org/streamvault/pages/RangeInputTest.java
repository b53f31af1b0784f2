package org.streamvault.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.streamvault.segments.Timestamps;

class RangeInputTest {
    static final long NOW = Timestamps.parseUtc("2026-11-20T14:30:00Z");

    static long t(String iso) {
        return Timestamps.parseUtc(iso);
    }

    @Test
    void emptyFieldsMeanLive() {
        assertThat(RangeInput.parse(null, null, NOW).live()).isTrue();
        assertThat(RangeInput.parse(" ", "", NOW).live()).isTrue();
    }

    @Test
    void absoluteTimesAsTheApiTakesThemOrWithASpace() {
        RangeInput.Range r = RangeInput.parse("2026-11-20T14:05:00Z", "2026-11-20 14:06:00.5", NOW);
        assertThat(r.startMicros()).isEqualTo(t("2026-11-20T14:05:00"));
        assertThat(r.endMicros()).isEqualTo(t("2026-11-20T14:06:00.5"));
        assertThat(RangeInput.parse("2026-11-20 14:05", "2026-11-20t14:06z", NOW))
                .isEqualTo(new RangeInput.Range(t("2026-11-20T14:05:00"), t("2026-11-20T14:06:00")));
    }

    @Test
    void relativeToNow() {
        assertThat(RangeInput.parse("-10m", null, NOW).startMicros()).isEqualTo(t("2026-11-20T14:20:00"));
        assertThat(RangeInput.parse("last 10 minutes", null, NOW).startMicros()).isEqualTo(t("2026-11-20T14:20:00"));
        assertThat(RangeInput.parse("Last 1 hour", null, NOW).startMicros()).isEqualTo(t("2026-11-20T13:30:00"));
        assertThat(RangeInput.parse("2 hours ago", "now", NOW)).isEqualTo(
                new RangeInput.Range(t("2026-11-20T12:30:00"), NOW));
        assertThat(RangeInput.parse("-1h30m", "-90s", NOW)).isEqualTo(
                new RangeInput.Range(t("2026-11-20T13:00:00"), t("2026-11-20T14:28:30")));
        assertThat(RangeInput.parse("-1d", null, NOW).startMicros()).isEqualTo(t("2026-11-19T14:30:00"));
    }

    @Test
    void endAfterTheStart() {
        assertThat(RangeInput.parse("2026-11-20T14:05:00Z", "+1m", NOW).endMicros()).isEqualTo(t("2026-11-20T14:06:00"));
        assertThat(RangeInput.parse("-10m", "+30 s", NOW).endMicros()).isEqualTo(t("2026-11-20T14:20:30"));
    }

    @Test
    void refusalsSayWhatIsAccepted() {
        assertThatThrownBy(() -> RangeInput.parse("yesterday", null, NOW)).hasMessageStartingWith("start: cannot read 'yesterday'")
                .hasMessageContaining("'-10m'");
        assertThatThrownBy(() -> RangeInput.parse("-10 parsecs", null, NOW)).hasMessageContaining("cannot read");
        assertThatThrownBy(() -> RangeInput.parse("-0m", null, NOW)).hasMessageContaining("cannot read");
        assertThatThrownBy(() -> RangeInput.parse("-", null, NOW)).hasMessageContaining("cannot read");
        assertThatThrownBy(() -> RangeInput.parse("+1m", null, NOW)).hasMessageContaining("only the end may use '+'");
        assertThatThrownBy(() -> RangeInput.parse("2026-11-20T14:61:00Z", null, NOW)).hasMessageContaining("cannot read");
        assertThatThrownBy(() -> RangeInput.parse("2026-11-20T14:05+01:00", null, NOW)).hasMessageContaining("cannot read");
        assertThatThrownBy(() -> RangeInput.parse("-5m", "-10m", NOW)).hasMessage("end must be after start");
        assertThatThrownBy(() -> RangeInput.parse(null, "now", NOW)).hasMessageContaining("an end needs a start");
        assertThatThrownBy(() -> RangeInput.parse("-99999999999999999999m", null, NOW)).hasMessageContaining("cannot read");
    }
}

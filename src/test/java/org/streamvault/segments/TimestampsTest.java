package org.streamvault.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimestampsTest {
    private static long micros(String iso) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(iso));
    }

    @Test
    void hourNamesAgreeWithJavaTimeOverCenturies() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            long hourStart = random.nextLong(-50_000, 200_000) * Timestamps.MICROS_PER_HOUR;
            String name = Timestamps.formatHour(hourStart);
            Instant instant = Instant.EPOCH.plus(hourStart, ChronoUnit.MICROS);
            assertThat(name).isEqualTo(instant.toString().substring(0, 13));
            assertThat(Timestamps.parseHour(name)).isEqualTo(hourStart);
        }
    }

    @Test
    void isoFormatHasMicrosecondsAndZ() {
        assertThat(Timestamps.formatIso(micros("2026-11-20T14:05:42.125Z"))).isEqualTo("2026-11-20T14:05:42.125000Z");
        assertThat(Timestamps.formatIso(micros("2024-02-29T23:59:59.999999Z"))).isEqualTo("2024-02-29T23:59:59.999999Z");
    }

    @Test
    void apiTimesTakeOptionalFractionAndZ() {
        long expected = micros("2026-11-20T14:05:42.125Z");
        assertThat(Timestamps.parseUtc("2026-11-20T14:05:42.125")).isEqualTo(expected);
        assertThat(Timestamps.parseUtc("2026-11-20T14:05:42.125Z")).isEqualTo(expected);
        assertThat(Timestamps.parseUtc("2026-11-20T14:05:42.125000")).isEqualTo(expected);
        assertThat(Timestamps.parseUtc("2026-11-20T14:05:42")).isEqualTo(micros("2026-11-20T14:05:42Z"));
    }

    @Test
    void badApiTimesAreRejected() {
        for (String bad : new String[] {"", "yesterday", "2026-11-20", "2026-11-20T14:05", "2026-11-20T14:05:42+01:00",
            "2026-02-30T00:00:00", "2026-11-20T24:00:00", "2026-11-20T14:05:42.", "2026-11-20T14:05:42.1234567",
            "2026-11-20 14:05:42"}) {
            assertThatThrownBy(() -> Timestamps.parseUtc(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bad time");
        }
    }

    @Test
    void badHourNamesAreRejected() {
        for (String bad : new String[] {"2026-11-20T1", "2026-13-20T14", "2026-11-20X14", "2026-11-31T00", "abcd-ef-ghTij"}) {
            assertThatThrownBy(() -> Timestamps.parseHour(bad)).as(bad).isInstanceOf(InvalidSegmentNameException.class);
        }
    }
}

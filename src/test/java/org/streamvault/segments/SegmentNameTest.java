package org.streamvault.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SegmentNameTest {
    private static final String HASH = "q9XbYmbaXnLDH3yGcW5bYdQaUujN3xVQZrK9sZ2WyAk";

    @Test
    void parsesEveryField() {
        SegmentName n = SegmentName.parse("05:42.125000-2.002-full-" + HASH + ".ts");
        assertThat(n.offsetMicros()).isEqualTo(5 * 60_000_000L + 42_125_000L);
        assertThat(n.durationText()).isEqualTo("2.002");
        assertThat(n.durationMicros()).isEqualTo(2_002_000L);
        assertThat(n.type()).isEqualTo(SegmentType.FULL);
        assertThat(n.hash()).isEqualTo(HASH);
    }

    @Test
    void formatRoundTripsDurationTextExactly() {
        for (String d : new String[] {"2.002", "2.0", "6", "1.9999999"}) {
            String name = SegmentName.format(123_456L, d, SegmentType.SUSPECT, HASH);
            SegmentName parsed = SegmentName.parse(name);
            assertThat(parsed.durationText()).isEqualTo(d);
            assertThat(SegmentName.format(parsed.offsetMicros(), parsed.durationText(), parsed.type(), parsed.hash()))
                    .isEqualTo(name);
        }
        assertThat(SegmentName.format(123_456L, "2.0", SegmentType.FULL, HASH)).startsWith("00:00.123456-2.0-full-");
    }

    @Test
    void shortFractionIsRightPadded() {
        assertThat(SegmentName.parse("00:01.5-2.0-partial-" + HASH + ".ts").offsetMicros()).isEqualTo(1_500_000L);
    }

    @Test
    void durationsAreExactMicroseconds() {
        assertThat(SegmentName.parseDuration("2")).isEqualTo(2_000_000L);
        assertThat(SegmentName.parseDuration("0.000001")).isEqualTo(1L);
        assertThat(SegmentName.parseDuration("1.9999995")).isEqualTo(2_000_000L);
        assertThat(SegmentName.parseDuration("1.9999994")).isEqualTo(1_999_999L);
        assertThat(SegmentName.parseDuration("2.")).isEqualTo(-1);
        assertThat(SegmentName.parseDuration(".5")).isEqualTo(-1);
        assertThat(SegmentName.parseDuration("2e0")).isEqualTo(-1);
    }

    @Test
    void hashMayContainDashes() {
        SegmentName n = SegmentName.parse("00:00.000000-2.0-full-ab-cd_ef.ts");
        assertThat(n.hash()).isEqualTo("ab-cd_ef");
    }

    @Test
    void tempNamesCarryAUuid() {
        SegmentName n = SegmentName.parse("00:00.000000-2.0-temp-8f2b9f3a-3c43-4a4e-9bd6-0b8d1c2f1e55.ts");
        assertThat(n.type()).isEqualTo(SegmentType.TEMP);
    }

    @Test
    void junkIsRejectedWithAReason() {
        String[] junk = {
            ".05:42.125000-2.0-full-" + HASH + ".ts", // hidden
            "05:42.125000-2.0-full-" + HASH + ".mp4", // wrong extension
            "05:42.125000-2.0-" + HASH + ".ts", // too few fields
            "05:42.125000-2.0-broken-" + HASH + ".ts", // unknown type
            "05:42.125000-2.0-full-not+base64.ts", // bad base64
            "05:42.125000-2.0-full-a.ts", // base64 length impossible
            "61:00.000000-2.0-full-" + HASH + ".ts", // minute out of range
            "05:42-2.0-full-" + HASH + ".ts", // no fraction
            "05:42.1234567-2.0-full-" + HASH + ".ts", // fraction too long
            "5:42.125000-2.0-full-" + HASH + ".ts", // unpadded minute
            "05:42.125000-x-full-" + HASH + ".ts", // bad duration
            "05:42.125000-2.0-full-.ts", // empty hash
        };
        for (String name : junk) {
            assertThatThrownBy(() -> SegmentName.parse(name)).as(name)
                    .isInstanceOf(InvalidSegmentNameException.class).hasMessageContaining(name);
        }
    }
}

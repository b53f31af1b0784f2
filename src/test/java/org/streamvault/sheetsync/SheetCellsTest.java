package org.streamvault.sheetsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How cells read and write: times (bus time and absolute), dashed ends, ticks, links, tags. */
class SheetCellsTest {
    private static final LocalDateTime BUS_START = LocalDateTime.parse("2026-11-13T21:00:00");
    private final SheetTimes times = new SheetTimes(BUS_START);

    @Test
    void busTimeCountsFromTheConfiguredStart() throws Exception {
        assertThat(times.parse("1:05")).isEqualTo("2026-11-13T22:05:00");
        assertThat(times.parse(" 26:00:30 ")).isEqualTo("2026-11-14T23:00:30");
        assertThat(times.parse("-0:30")).isEqualTo("2026-11-13T20:30:00");
        assertThat(times.parse("0:00:01.25")).isEqualTo("2026-11-13T21:00:01.250");
        assertThat(times.parse("")).isNull();
    }

    @Test
    void absoluteTimesAreUtc() throws Exception {
        assertThat(times.parse("2026-11-14 03:04")).isEqualTo("2026-11-14T03:04:00");
        assertThat(times.parse("2026-11-14T03:04:05")).isEqualTo("2026-11-14T03:04:05");
        assertThat(new SheetTimes(null).parse("2026-11-14 03:04:05")).isEqualTo("2026-11-14T03:04:05");
    }

    @Test
    void unreadableTimesAreMalformed() {
        for (String bad : new String[] {"soon", "1:75", "25", "2026-13-01 00:00"}) {
            assertThatThrownBy(() -> times.parse(bad)).isInstanceOf(MalformedCellException.class)
                    .satisfies(e -> assertThat(((MalformedCellException) e).kind()).isEqualTo("malformed_time"));
        }
        assertThatThrownBy(() -> new SheetTimes(null).parse("1:00")).hasMessageContaining("bustime-start");
    }

    @Test
    void dashedEndIsAMoment() throws Exception {
        EndTime dashed = times.parseEnd("--");
        assertThat(dashed.dashed()).isTrue();
        assertThat(dashed.withStart(BUS_START)).isEqualTo(new EndTime(true, BUS_START));
        assertThat(times.parseEnd("2:00")).isEqualTo(new EndTime(false, LocalDateTime.parse("2026-11-13T23:00:00")));
        assertThat(times.formatEnd(new EndTime(true, BUS_START))).isEqualTo("--");
    }

    @Test
    void timesWrittenBackReadTheSame() throws Exception {
        for (String t : new String[] {"2026-11-13T22:05:00", "2026-11-13T20:59:30", "2026-11-15T01:00:00.500"}) {
            LocalDateTime time = LocalDateTime.parse(t);
            assertThat(times.parse(times.format(time))).isEqualTo(time);
            assertThat(new SheetTimes(null).parse(new SheetTimes(null).format(time.withNano(0))))
                    .isEqualTo(time.withNano(0));
        }
        assertThat(times.format(LocalDateTime.parse("2026-11-13T20:59:30"))).isEqualTo("-0:00:30");
    }

    @Test
    void ticksAreBooleansAndAnythingElseIsMalformed() throws Exception {
        assertThat(SheetField.POSTER_MOMENT.parse("[\u2713]", times)).isEqualTo(true);
        assertThat(SheetField.POSTER_MOMENT.parse("TRUE", times)).isEqualTo(true);
        assertThat(SheetField.POSTER_MOMENT.parse("", times)).isEqualTo(false);
        assertThat(SheetField.POSTER_MOMENT.parse("[ ]", times)).isEqualTo(false);
        assertThatThrownBy(() -> SheetField.POSTER_MOMENT.parse("maybe", times))
                .satisfies(e -> assertThat(((MalformedCellException) e).kind()).isEqualTo("malformed_boolean"));
        assertThat(SheetField.POSTER_MOMENT.format(true, times)).isEqualTo("[\u2713]");
    }

    @Test
    void linksSplitOnWhitespaceTagsOnCommas() throws Exception {
        assertThat(SheetField.IMAGE_LINKS.parse(" https://a/1.png\nhttps://a/2.png  ", times))
                .isEqualTo(List.of("https://a/1.png", "https://a/2.png"));
        assertThat(SheetField.TAGS.parse("Tag One, tag two,, ", times)).isEqualTo(List.of("Tag One", "tag two"));
        assertThat(SheetField.TAGS.format(List.of("Tag One", "tag two"), times)).isEqualTo("Tag One, tag two");
        assertThat(SheetField.DESCRIPTION.parse(" as typed ", times)).isEqualTo(" as typed ");
    }

    @Test
    void columnMapOverridesDefaultsAndRejectsUnknownNames() {
        SheetColumns c = SheetColumns.parse("notes=10, tags=-1", SheetColumns.EVENT_DEFAULTS);
        assertThat(c.of("notes")).isEqualTo(10);
        assertThat(c.has("tags")).isFalse();
        assertThat(c.of("id")).isEqualTo(15);
        assertThat(c.cell(List.of("a", "b"), "event_end")).isEqualTo("b");
        assertThat(c.cell(List.of("a"), "id")).isEmpty();
        assertThatThrownBy(() -> SheetColumns.parse("colour=3", SheetColumns.EVENT_DEFAULTS))
                .hasMessageContaining("colour=3");
        assertThatThrownBy(() -> SheetColumns.parse("id=-1", SheetColumns.EVENT_DEFAULTS)).hasMessageContaining("id");
    }

    @Test
    void a1NamesQuoteWorksheetsAndCountColumnsInLetters() {
        assertThat(A1.column(0)).isEqualTo("A");
        assertThat(A1.column(15)).isEqualTo("P");
        assertThat(A1.column(26)).isEqualTo("AA");
        assertThat(A1.cell("Day 1", 12, 15)).isEqualTo("'Day 1'!P12");
        assertThat(A1.columns("Bob's day", 15)).isEqualTo("'Bob''s day'!A1:P");
    }
}

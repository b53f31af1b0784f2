package org.streamvault.sheetsync;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times as operators type them into the schedule: "bus time" {@code [-]H:MM[:SS[.fff]]} since the
 * start of the event ({@code streamvault.sheetsync.bustime-start}, as wubloader's sheets count
 * time), or an absolute UTC time {@code YYYY-MM-DD HH:MM[:SS]} (a {@code T} instead of the space
 * also works). All times are UTC without zone, as the database keeps them.
 */
public final class SheetTimes {
    private static final Pattern BUSTIME = Pattern.compile("(-)?(\\d+):([0-5]\\d)(?::([0-5]\\d(?:\\.\\d{1,6})?))?");
    private static final DateTimeFormatter ABSOLUTE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private final LocalDateTime bustimeStart;

    /** @param bustimeStart what bus time 0:00 is, or null to accept absolute times only */
    public SheetTimes(LocalDateTime bustimeStart) {
        this.bustimeStart = bustimeStart;
    }

    /** Null for an empty cell. */
    public LocalDateTime parse(String cell) throws MalformedCellException {
        String text = cell.strip();
        if (text.isEmpty()) {
            return null;
        }
        Matcher m = BUSTIME.matcher(text);
        if (m.matches()) {
            if (bustimeStart == null) {
                throw new MalformedCellException("malformed_time", "'" + text
                        + "' is a bus time but streamvault.sheetsync.bustime-start is not set");
            }
            long micros = Long.parseLong(m.group(2)) * 3_600_000_000L + Long.parseLong(m.group(3)) * 60_000_000L;
            if (m.group(4) != null) {
                micros += Math.round(Double.parseDouble(m.group(4)) * 1e6);
            }
            return bustimeStart.plus(Duration.ofNanos((m.group(1) != null ? -micros : micros) * 1000));
        }
        try {
            String iso = text.replace(' ', 'T');
            return LocalDateTime.parse(iso.length() == 16 ? iso + ":00" : iso);
        } catch (DateTimeParseException e) {
            throw new MalformedCellException("malformed_time", "'" + text
                    + "' is neither a bus time (H:MM[:SS]) nor YYYY-MM-DD HH:MM[:SS]");
        }
    }

    /** An end cell: {@code --} is dashed (its value is set to the start later). */
    public EndTime parseEnd(String cell) throws MalformedCellException {
        return cell.strip().equals("--") ? new EndTime(true, null) : new EndTime(false, parse(cell));
    }

    /** A time as this sheet writes it: bus time when configured, else absolute. */
    public String format(LocalDateTime t) {
        if (t == null) {
            return "";
        }
        if (bustimeStart == null) {
            return ABSOLUTE.format(t);
        }
        Duration d = Duration.between(bustimeStart, t);
        String sign = d.isNegative() ? "-" : "";
        d = d.abs();
        String text = String.format("%s%d:%02d:%02d", sign, d.toHours(), d.toMinutesPart(), d.toSecondsPart());
        int millis = d.toMillisPart();
        return millis == 0 ? text : text + String.format(".%03d", millis);
    }

    public String formatEnd(EndTime end) {
        return end == null ? "" : end.dashed() ? "--" : format(end.value());
    }
}

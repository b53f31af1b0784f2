package org.streamvault.hls;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Parses {@code #EXT-X-PROGRAM-DATE-TIME} values: any ISO-8601 date-time, with {@code Z}, a
 * {@code +HH:MM}, {@code +HHMM} or {@code +HH} offset, or none (taken as UTC), into UTC
 * microseconds. Off the hot path (a few values per poll), so {@code java.time} is fine here.
 */
public final class ProgramDateTime {
    private ProgramDateTime() {
    }

    /** UTC microseconds since the epoch; throws {@link PlaylistException} with the bad text. */
    public static long parseMicros(String text) throws PlaylistException {
        String s = normaliseOffset(text.trim());
        try {
            OffsetDateTime t;
            if (hasOffset(s)) {
                t = OffsetDateTime.parse(s);
            } else {
                t = LocalDateTime.parse(s).atOffset(ZoneOffset.UTC);
            }
            return Math.addExact(Math.multiplyExact(t.toEpochSecond(), 1_000_000L), t.getNano() / 1000);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new PlaylistException("bad #EXT-X-PROGRAM-DATE-TIME '" + shorten(text) + "'");
        }
    }

    private static boolean hasOffset(String s) {
        if (s.endsWith("Z") || s.endsWith("z")) {
            return true;
        }
        int t = s.indexOf('T');
        return t > 0 && (s.indexOf('+', t) > 0 || s.indexOf('-', t) > 0);
    }

    /** {@code +0100} → {@code +01:00}, {@code +01} → {@code +01:00}, {@code z} → {@code Z}. */
    private static String normaliseOffset(String s) {
        if (s.endsWith("z")) {
            return s.substring(0, s.length() - 1) + "Z";
        }
        int t = s.indexOf('T');
        int sign = Math.max(s.lastIndexOf('+'), s.lastIndexOf('-'));
        if (t < 0 || sign < t) {
            return s;
        }
        String offset = s.substring(sign + 1);
        if (offset.length() == 4 && offset.chars().allMatch(Character::isDigit)) {
            return s.substring(0, sign + 1) + offset.substring(0, 2) + ":" + offset.substring(2);
        }
        if (offset.length() == 2 && offset.chars().allMatch(Character::isDigit)) {
            return s + ":00";
        }
        return s;
    }

    static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}

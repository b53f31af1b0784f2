package org.streamvault.segments;

/**
 * Exact UTC timestamps as integer microseconds since the epoch, parsed and formatted by hand.
 *
 * <p>Generic date parsing was most of the cost of selection in the system Streamvault descends
 * from, and floating point makes comparisons inexact, so the store's fixed formats are handled
 * here with plain arithmetic.
 */
public final class Timestamps {
    public static final long MICROS_PER_SECOND = 1_000_000L;
    public static final long MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
    public static final long MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
    public static final long MICROS_PER_DAY = 24 * MICROS_PER_HOUR;

    private Timestamps() {
    }

    /** Start of the hour named {@code YYYY-MM-DDTHH}, or an exception naming what is wrong. */
    public static long parseHour(String hour) {
        if (hour.length() != 13 || hour.charAt(4) != '-' || hour.charAt(7) != '-' || hour.charAt(10) != 'T') {
            throw new InvalidSegmentNameException(hour, "hour must look like YYYY-MM-DDTHH");
        }
        int year = digits(hour, 0, 4);
        int month = digits(hour, 5, 2);
        int day = digits(hour, 8, 2);
        int h = digits(hour, 11, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || h < 0 || h > 23) {
            throw new InvalidSegmentNameException(hour, "hour must look like YYYY-MM-DDTHH");
        }
        return daysFromCivil(year, month, day) * MICROS_PER_DAY + h * MICROS_PER_HOUR;
    }

    /** The hour directory name ({@code YYYY-MM-DDTHH}) that contains the given instant. */
    public static String formatHour(long micros) {
        StringBuilder sb = new StringBuilder(13);
        appendDateAndHour(sb, micros);
        return sb.toString();
    }

    /** Truncates an instant to the start of its hour. */
    public static long truncateToHour(long micros) {
        return Math.floorDiv(micros, MICROS_PER_HOUR) * MICROS_PER_HOUR;
    }

    /** {@code YYYY-MM-DDTHH:MM:SS.ffffffZ}, the form used in playlists. */
    public static String formatIso(long micros) {
        StringBuilder sb = new StringBuilder(27);
        appendIso(sb, micros);
        return sb.toString();
    }

    /** Appends {@code YYYY-MM-DDTHH:MM:SS.ffffffZ} without creating intermediate strings. */
    public static void appendIso(StringBuilder sb, long micros) {
        appendDateAndHour(sb, micros);
        long inHour = Math.floorMod(micros, MICROS_PER_HOUR);
        sb.append(':');
        appendMinuteSecond(sb, inHour);
        sb.append('Z');
    }

    /** Appends {@code MM:SS.ffffff} for an offset within an hour. */
    static void appendMinuteSecond(StringBuilder sb, long microsInHour) {
        pad(sb, microsInHour / MICROS_PER_MINUTE, 2);
        sb.append(':');
        pad(sb, (microsInHour / MICROS_PER_SECOND) % 60, 2);
        sb.append('.');
        pad(sb, microsInHour % MICROS_PER_SECOND, 6);
    }

    /**
     * Parses a UTC time as the HTTP API takes it: {@code YYYY-MM-DDTHH:MM:SS}, an optional
     * fraction of 1–6 digits, an optional {@code Z}. Anything else (other offsets, missing
     * seconds, trailing junk) is rejected with a message that says what was expected.
     */
    public static long parseUtc(String text) {
        String s = text.endsWith("Z") ? text.substring(0, text.length() - 1) : text;
        if (s.length() < 19 || s.charAt(13) != ':' || s.charAt(16) != ':') {
            throw badTime(text);
        }
        long hourStart;
        try {
            hourStart = parseHour(s.substring(0, 13));
        } catch (InvalidSegmentNameException e) {
            throw badTime(text);
        }
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (minute < 0 || minute > 59 || second < 0 || second > 59) {
            throw badTime(text);
        }
        long fraction = 0;
        if (s.length() > 19) {
            if (s.charAt(19) != '.' || s.length() == 20 || s.length() > 26) {
                throw badTime(text);
            }
            fraction = fractionMicros(s, 20, s.length());
            if (fraction < 0) {
                throw badTime(text);
            }
        }
        return hourStart + minute * MICROS_PER_MINUTE + second * MICROS_PER_SECOND + fraction;
    }

    private static IllegalArgumentException badTime(String text) {
        return new IllegalArgumentException("bad time '" + text + "': expected UTC like 2026-11-20T14:05:42.125Z");
    }

    /**
     * Digits {@code s[from, to)} as a fraction of a second in microseconds (1–6 digits,
     * right-padded), or -1 when any character is not a digit.
     */
    static long fractionMicros(String s, int from, int to) {
        long value = 0;
        for (int i = from; i < from + 6; i++) {
            int digit = 0;
            if (i < to) {
                digit = s.charAt(i) - '0';
                if (digit < 0 || digit > 9) {
                    return -1;
                }
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** The unsigned decimal number in {@code s[from, from+count)}, or -1 when any is not a digit. */
    static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int digit = s.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static void appendDateAndHour(StringBuilder sb, long micros) {
        long days = Math.floorDiv(micros, MICROS_PER_DAY);
        long hour = Math.floorMod(micros, MICROS_PER_DAY) / MICROS_PER_HOUR;
        // Civil-from-days: the proleptic Gregorian date of a day count, in integer arithmetic.
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long day = doy - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        pad(sb, year, 4);
        sb.append('-');
        pad(sb, month, 2);
        sb.append('-');
        pad(sb, day, 2);
        sb.append('T');
        pad(sb, hour, 2);
    }

    static long daysFromCivil(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long mp = month > 2 ? month - 3 : month + 9;
        long doy = (153 * mp + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static void pad(StringBuilder sb, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(digits);
    }
}

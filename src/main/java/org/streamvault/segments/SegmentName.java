package org.streamvault.segments;

/**
 * One segment file name, {@code MM:SS.ffffff-DURATION-TYPE-HASH.ts}, parsed.
 *
 * <p>The name alone knows only the offset within its hour; {@link Segment} adds the hour.
 * {@code durationText} is kept exactly as the playlist gave it ({@code 2.002}, {@code 2.0},
 * {@code 6}) so a name round-trips byte for byte; {@code durationMicros} is the same value,
 * exact to the microsecond. For {@link SegmentType#TEMP} the hash field is a random UUID and
 * is not checked.
 *
 * @param fileName       the whole file name, including {@code .ts}
 * @param offsetMicros   start within the hour, 0 ≤ offset &lt; 1 hour
 * @param durationText   the duration field exactly as written
 * @param durationMicros the duration in microseconds (rounded to the nearest microsecond)
 * @param type           the segment type
 * @param hash           SHA-256 of the bytes, URL-safe base64 without padding (UUID for temp)
 */
public record SegmentName(
        String fileName, long offsetMicros, String durationText, long durationMicros, SegmentType type, String hash) {

    public static final String EXTENSION = ".ts";

    /**
     * Parses a file name, throwing {@link InvalidSegmentNameException} with a reason for junk,
     * hidden files, unknown types and bad hashes.
     */
    public static SegmentName parse(String fileName) {
        if (fileName.startsWith(".")) {
            throw new InvalidSegmentNameException(fileName, "hidden file");
        }
        if (!fileName.endsWith(EXTENSION)) {
            throw new InvalidSegmentNameException(fileName, "does not end in .ts");
        }
        int end = fileName.length() - EXTENSION.length();
        int dash1 = fileName.indexOf('-');
        int dash2 = dash1 < 0 ? -1 : fileName.indexOf('-', dash1 + 1);
        int dash3 = dash2 < 0 ? -1 : fileName.indexOf('-', dash2 + 1);
        if (dash3 < 0 || dash3 >= end) {
            throw new InvalidSegmentNameException(fileName, "expected TIME-DURATION-TYPE-HASH");
        }
        long offset = parseOffset(fileName, dash1);
        if (offset < 0) {
            throw new InvalidSegmentNameException(fileName, "time must be MM:SS.ffffff within the hour");
        }
        String durationText = fileName.substring(dash1 + 1, dash2);
        long duration = parseDuration(durationText);
        if (duration < 0) {
            throw new InvalidSegmentNameException(fileName, "duration must be a decimal number of seconds");
        }
        SegmentType type = SegmentType.fromText(fileName.substring(dash2 + 1, dash3));
        if (type == null) {
            throw new InvalidSegmentNameException(fileName, "type must be full, suspect, partial or temp");
        }
        String hash = fileName.substring(dash3 + 1, end);
        if (type != SegmentType.TEMP && !SegmentHash.isValid(hash)) {
            throw new InvalidSegmentNameException(fileName, "hash is not unpadded URL-safe base64");
        }
        return new SegmentName(fileName, offset, durationText, duration, type, hash);
    }

    /** Formats a name; the inverse of {@link #parse}. */
    public static String format(long offsetMicros, String durationText, SegmentType type, String hash) {
        StringBuilder sb = new StringBuilder(80);
        Timestamps.appendMinuteSecond(sb, offsetMicros);
        return sb.append('-').append(durationText).append('-').append(type.text()).append('-').append(hash)
                .append(EXTENSION).toString();
    }

    /** The {@code MM:SS.ffffff} prefix, as microseconds into the hour; -1 if malformed. */
    private static long parseOffset(String s, int end) {
        // MM:SS.f at the least, MM:SS.ffffff at the most
        if (end < 7 || end > 12 || s.charAt(2) != ':' || s.charAt(5) != '.') {
            return -1;
        }
        int minute = Timestamps.digits(s, 0, 2);
        int second = Timestamps.digits(s, 3, 2);
        long fraction = Timestamps.fractionMicros(s, 6, end);
        if (minute < 0 || minute > 59 || second < 0 || second > 59 || fraction < 0) {
            return -1;
        }
        return minute * Timestamps.MICROS_PER_MINUTE + second * Timestamps.MICROS_PER_SECOND + fraction;
    }

    /**
     * A non-negative decimal ({@code 2}, {@code 2.0}, {@code 2.002}) in microseconds, rounded
     * half-up past the sixth decimal; -1 if malformed.
     */
    static long parseDuration(String text) {
        int dot = text.indexOf('.');
        int intEnd = dot < 0 ? text.length() : dot;
        if (intEnd == 0 || intEnd > 9 || (dot >= 0 && dot == text.length() - 1)) {
            return -1;
        }
        long seconds = 0;
        for (int i = 0; i < intEnd; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            seconds = seconds * 10 + digit;
        }
        long micros = 0;
        if (dot >= 0) {
            for (int i = dot + 1; i < text.length(); i++) {
                int digit = text.charAt(i) - '0';
                if (digit < 0 || digit > 9) {
                    return -1;
                }
                int place = i - dot; // 1 = tenths ... 6 = microseconds
                if (place <= 6) {
                    micros = micros * 10 + digit;
                } else if (place == 7 && digit >= 5) {
                    micros += 1;
                }
            }
            for (int place = text.length() - dot - 1; place < 6; place++) {
                micros *= 10;
            }
        }
        return seconds * Timestamps.MICROS_PER_SECOND + micros;
    }
}

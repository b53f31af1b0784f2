package org.streamvault.segments;

/**
 * One segment file name, {@code MM:SS.ffffff-DURATION-TYPE-HASH.ts}, parsed.
 *
 * <p>The name alone knows only the offset within its hour ({@link #offsetMicros}, 0 ≤ offset
 * &lt; 1 hour); {@link Segment} adds the hour. {@link #durationText} is kept exactly as the
 * playlist gave it ({@code 2.002}, {@code 2.0}, {@code 6}) so a name round-trips byte for byte;
 * {@link #durationMicros} is the same value rounded to the nearest microsecond. {@link #hash}
 * is SHA-256 of the bytes, URL-safe base64 without padding; for {@link SegmentType#TEMP} it is
 * a random UUID and is not checked. Two names are equal when their file names are.
 */
public final class SegmentName {
    public static final String EXTENSION = ".ts";

    private final String fileName;
    private final long offsetMicros;
    private final long durationMicros;
    private final SegmentType type;
    // where the duration and hash fields sit in fileName; substrings are taken only when asked
    private final int durationFrom;
    private final int durationTo;
    private final int hashFrom;

    private SegmentName(String fileName, long offsetMicros, long durationMicros, SegmentType type, int durationFrom,
            int durationTo, int hashFrom) {
        this.fileName = fileName;
        this.offsetMicros = offsetMicros;
        this.durationMicros = durationMicros;
        this.type = type;
        this.durationFrom = durationFrom;
        this.durationTo = durationTo;
        this.hashFrom = hashFrom;
    }

    public String fileName() {
        return fileName;
    }

    public long offsetMicros() {
        return offsetMicros;
    }

    public String durationText() {
        return fileName.substring(durationFrom, durationTo);
    }

    public long durationMicros() {
        return durationMicros;
    }

    public SegmentType type() {
        return type;
    }

    public String hash() {
        return fileName.substring(hashFrom, fileName.length() - EXTENSION.length());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SegmentName other && other.fileName.equals(fileName);
    }

    @Override
    public int hashCode() {
        return fileName.hashCode();
    }

    @Override
    public String toString() {
        return fileName;
    }

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
        long duration = parseDuration(fileName, dash1 + 1, dash2);
        if (duration < 0) {
            throw new InvalidSegmentNameException(fileName, "duration must be a decimal number of seconds");
        }
        SegmentType type = typeAt(fileName, dash2 + 1, dash3);
        if (type == null) {
            throw new InvalidSegmentNameException(fileName, "type must be full, suspect, partial or temp");
        }
        if (type != SegmentType.TEMP && !SegmentHash.isValid(fileName, dash3 + 1, end)) {
            throw new InvalidSegmentNameException(fileName, "hash is not unpadded URL-safe base64");
        }
        return new SegmentName(fileName, offset, duration, type, dash1 + 1, dash2, dash3 + 1);
    }

    /** Formats a name; the inverse of {@link #parse}. */
    public static String format(long offsetMicros, String durationText, SegmentType type, String hash) {
        StringBuilder sb = new StringBuilder(80);
        Timestamps.appendMinuteSecond(sb, offsetMicros);
        return sb.append('-').append(durationText).append('-').append(type.text()).append('-').append(hash)
                .append(EXTENSION).toString();
    }

    /** The type named by {@code s[from, to)}, without making a substring; null if none. */
    private static SegmentType typeAt(String s, int from, int to) {
        for (SegmentType t : SegmentType.values()) {
            String text = t.text();
            if (text.length() == to - from && s.startsWith(text, from)) {
                return t;
            }
        }
        return null;
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
        return parseDuration(text, 0, text.length());
    }

    /** {@link #parseDuration(String)} of {@code text[from, to)}. */
    static long parseDuration(String text, int from, int to) {
        int dot = text.indexOf('.', from);
        if (dot >= to) {
            dot = -1;
        }
        int intEnd = dot < 0 ? to : dot;
        if (intEnd == from || intEnd - from > 9 || (dot >= 0 && dot == to - 1)) {
            return -1;
        }
        long seconds = 0;
        for (int i = from; i < intEnd; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            seconds = seconds * 10 + digit;
        }
        long micros = 0;
        if (dot >= 0) {
            for (int i = dot + 1; i < to; i++) {
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
            for (int place = to - dot - 1; place < 6; place++) {
                micros *= 10;
            }
        }
        return seconds * Timestamps.MICROS_PER_SECOND + micros;
    }
}

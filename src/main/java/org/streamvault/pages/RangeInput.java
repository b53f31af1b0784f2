package org.streamvault.pages;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.streamvault.segments.Timestamps;

/**
 * The player's start and end fields as a person types them, resolved to instants.
 *
 * <p>Accepted, case-insensitive, surrounding blanks ignored:
 * <ul>
 *   <li>a UTC time as the HTTP API takes it ({@code 2026-11-20T14:05:42.125Z}; a space may stand
 *       for the {@code T}, and the seconds may be left out: {@code 2026-11-20 14:05});</li>
 *   <li>{@code now};</li>
 *   <li>a span before now: {@code -10m}, {@code -1h30m}, {@code -90s}, {@code 10 minutes ago},
 *       {@code last 10 minutes} (units s/sec/second(s), m/min/minute(s), h/hour(s), d/day(s));</li>
 *   <li>for the end only, a span after the start: {@code +1m}, {@code +30s}.</li>
 * </ul>
 * An empty or missing field is "none": no start means the player follows the live tail, no end
 * means the range stays open (the playlist keeps growing).
 *
 * <p>Example, with now = 14:30:00: start {@code last 10 minutes}, end {@code +1m} is
 * 14:20:00–14:21:00.
 */
public final class RangeInput {
    // longest unit names first: the alternation takes the first that matches
    private static final Pattern MINUTES_ONLY = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\dZ?");
    private static final Pattern PART = Pattern.compile("(\\d+)\\s*(seconds?|secs?|s|minutes?|mins?|m|hours?|h|days?|d)");

    private RangeInput() {
    }

    /**
     * A resolved range; {@code null} bounds are absent.
     *
     * @param startMicros inclusive start, or null (live)
     * @param endMicros   exclusive end, or null (open)
     */
    public record Range(Long startMicros, Long endMicros) {
        public boolean live() {
            return startMicros == null && endMicros == null;
        }
    }

    /**
     * @throws IllegalArgumentException with a one-line reason naming the field and the accepted forms,
     *                                  also for an end that is not after the start
     */
    public static Range parse(String start, String end, long nowMicros) {
        Long s = blank(start) ? null : instant("start", start, nowMicros, null);
        Long e = blank(end) ? null : instant("end", end, nowMicros, s);
        if (s != null && e != null && e <= s) {
            throw new IllegalArgumentException("end must be after start");
        }
        if (s == null && e != null) {
            throw new IllegalArgumentException("an end needs a start (leave both empty to watch live)");
        }
        return new Range(s, e);
    }

    private static Long instant(String field, String text, long nowMicros, Long startMicros) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("now")) {
            return nowMicros;
        }
        if (Character.isDigit(t.charAt(0)) && t.length() >= 16) {
            String iso = t.toUpperCase(Locale.ROOT).replace(' ', 'T');
            if (MINUTES_ONLY.matcher(iso).matches()) {
                iso = iso.substring(0, 16) + ":00" + iso.substring(16);
            }
            try {
                return Timestamps.parseUtc(iso);
            } catch (IllegalArgumentException ex) {
                throw bad(field, text);
            }
        }
        if (t.startsWith("+")) {
            if (startMicros == null) {
                throw new IllegalArgumentException(field + ": '" + text.strip() + "' counts from the start, so only the end may use '+'");
            }
            return startMicros + span(field, text, t.substring(1));
        }
        if (t.startsWith("-")) {
            return nowMicros - span(field, text, t.substring(1));
        }
        if (t.startsWith("last ")) {
            return nowMicros - span(field, text, t.substring(5));
        }
        if (t.endsWith(" ago")) {
            return nowMicros - span(field, text, t.substring(0, t.length() - 4));
        }
        throw bad(field, text);
    }

    /** A span like {@code 1h30m} or {@code 10 minutes}, in microseconds. */
    private static long span(String field, String text, String spanText) {
        String rest = spanText.strip();
        long total = 0;
        Matcher m = PART.matcher(rest);
        int at = 0;
        while (at < rest.length()) {
            if (!m.find(at) || m.start() != at) {
                throw bad(field, text);
            }
            long n;
            try {
                n = Long.parseLong(m.group(1));
            } catch (NumberFormatException ex) {
                throw bad(field, text);
            }
            if (n > 100_000) {
                throw bad(field, text);
            }
            total += n * unit(m.group(2));
            at = m.end();
            while (at < rest.length() && rest.charAt(at) == ' ') {
                at++;
            }
        }
        if (total == 0) {
            throw bad(field, text);
        }
        return total;
    }

    private static long unit(String u) {
        return switch (u.charAt(0)) {
            case 's' -> Timestamps.MICROS_PER_SECOND;
            case 'm' -> Timestamps.MICROS_PER_MINUTE;
            case 'h' -> Timestamps.MICROS_PER_HOUR;
            default -> Timestamps.MICROS_PER_DAY;
        };
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static IllegalArgumentException bad(String field, String text) {
        return new IllegalArgumentException(field + ": cannot read '" + text.strip()
                + "'; use a UTC time like 2026-11-20T14:05:42Z, 'now', '-10m', 'last 10 minutes' or (end) '+1m'");
    }
}

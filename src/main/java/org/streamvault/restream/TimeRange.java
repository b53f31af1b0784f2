package org.streamvault.restream;

import java.util.List;
import org.streamvault.segments.Timestamps;

/**
 * The {@code start}/{@code end} query parameters of the API, resolved: a missing start means
 * the first hour with data, a missing end the end of the last hour with data (an open-ended,
 * live range).
 *
 * @param startMicros inclusive start
 * @param endMicros   exclusive end
 * @param openEnded   true when the client gave no end
 */
public record TimeRange(long startMicros, long endMicros, boolean openEnded) {

    /**
     * @param hourStarts the sorted hour starts that have data, used for missing bounds
     * @throws HttpProblem 400 for unparsable times or {@code end <= start}
     */
    public static TimeRange parse(String start, String end, List<Long> hourStarts) {
        Long first = hourStarts.isEmpty() ? null : hourStarts.get(0);
        Long last = hourStarts.isEmpty() ? null : hourStarts.get(hourStarts.size() - 1) + Timestamps.MICROS_PER_HOUR;
        long s = start == null ? (first == null ? 0 : first) : parseTime("start", start);
        long e;
        if (end != null) {
            e = parseTime("end", end);
        } else {
            e = last == null ? s + Timestamps.MICROS_PER_HOUR : Math.max(last, s + 1);
        }
        if (e <= s) {
            throw HttpProblem.badRequest("end must be after start");
        }
        return new TimeRange(s, e, end == null);
    }

    static long parseTime(String name, String text) {
        try {
            return Timestamps.parseUtc(text);
        } catch (IllegalArgumentException ex) {
            throw HttpProblem.badRequest(name + ": " + ex.getMessage());
        }
    }
}

package org.streamvault.backfill;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.streamvault.segments.InvalidSegmentNameException;
import org.streamvault.segments.Timestamps;

/**
 * Which hours and segments a pass considers.
 *
 * <p>{@code start} ({@code streamvault.backfiller.start}) is either a number of hours before now
 * ({@code 3}, {@code 0.5}) or an absolute UTC time ({@code 2026-11-20T14:00:00Z}); empty means
 * no limit. The hour that contains the start is the first hour included. Segments that started
 * less than {@code recentCutoffMicros} ago are left to the local downloader (0 disables that).
 */
public final class BackfillWindow {
    private final Long hoursAgoMicros;
    private final Long absoluteStartMicros;
    private final long recentCutoffMicros;

    private BackfillWindow(Long hoursAgoMicros, Long absoluteStartMicros, long recentCutoffMicros) {
        this.hoursAgoMicros = hoursAgoMicros;
        this.absoluteStartMicros = absoluteStartMicros;
        this.recentCutoffMicros = recentCutoffMicros;
    }

    /** Parses the setting; a bad value fails with a message that says what was expected. */
    public static BackfillWindow parse(String start, long recentCutoffSeconds) {
        if (recentCutoffSeconds < 0) {
            throw new IllegalArgumentException("streamvault.backfiller.recent-cutoff must be >= 0 seconds");
        }
        long cutoff = recentCutoffSeconds * Timestamps.MICROS_PER_SECOND;
        String s = start == null ? "" : start.strip();
        if (s.isEmpty()) {
            return new BackfillWindow(null, null, cutoff);
        }
        if (s.contains("T")) {
            try {
                return new BackfillWindow(null, Timestamps.parseUtc(s), cutoff);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("streamvault.backfiller.start: " + e.getMessage());
            }
        }
        double hours;
        try {
            hours = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            hours = -1;
        }
        if (!(hours >= 0) || Double.isInfinite(hours)) {
            throw new IllegalArgumentException("streamvault.backfiller.start must be hours ago (e.g. 3) or a UTC time"
                    + " (e.g. 2026-11-20T14:00:00Z), got '" + start + "'");
        }
        return new BackfillWindow(Math.round(hours * Timestamps.MICROS_PER_HOUR), null, cutoff);
    }

    /** Start of the earliest hour to visit, or {@link Long#MIN_VALUE} when there is no limit. */
    public long earliestHour(long nowMicros) {
        if (absoluteStartMicros != null) {
            return Timestamps.truncateToHour(absoluteStartMicros);
        }
        if (hoursAgoMicros != null) {
            return Timestamps.truncateToHour(nowMicros - hoursAgoMicros);
        }
        return Long.MIN_VALUE;
    }

    /** True when the window has a start, so retention has something to delete before. */
    public boolean isBounded() {
        return absoluteStartMicros != null || hoursAgoMicros != null;
    }

    /**
     * The valid hour names in {@code hours} that fall in the window, newest first, as a new list
     * (the argument is only read, never sorted in place). Names that are not hours are dropped.
     */
    public List<String> hoursNewestFirst(Collection<String> hours, long nowMicros) {
        long earliest = earliestHour(nowMicros);
        List<String> out = new ArrayList<>(hours.size());
        for (String hour : hours) {
            try {
                if (Timestamps.parseHour(hour) >= earliest) {
                    out.add(hour);
                }
            } catch (InvalidSegmentNameException e) {
                // a peer may keep other directories beside its hours
            }
        }
        out.sort(Comparator.reverseOrder());
        return out;
    }

    /** True for a segment that started too recently to copy: the downloader should get it first. */
    public boolean isTooRecent(long segmentStartMicros, long nowMicros) {
        return recentCutoffMicros > 0 && segmentStartMicros > nowMicros - recentCutoffMicros;
    }
}

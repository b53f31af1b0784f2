package org.streamvault.segments;

/**
 * How completely a segment was fetched; the third field of a segment file name.
 *
 * <p>Only {@link #FULL} is trusted as complete. {@link #SUSPECT} and {@link #PARTIAL} are
 * kept because they are better than nothing, but a hole is always reported after them.
 * {@link #TEMP} files are still being written (or their writer died) and are never selected.
 */
public enum SegmentType {
    /** Fetched completely and in time. */
    FULL("full"),
    /** Fetched completely, but slowly enough (or empty) that the origin may have truncated it. */
    SUSPECT("suspect"),
    /** The transfer broke; the bytes received are kept. */
    PARTIAL("partial"),
    /** Being written now; the hash field is a random UUID. */
    TEMP("temp");

    private final String text;

    SegmentType(String text) {
        this.text = text;
    }

    /** The lower-case form used in file names. */
    public String text() {
        return text;
    }

    /** True for every type but {@link #FULL}: such a segment is followed by a hole. */
    public boolean isIncomplete() {
        return this != FULL;
    }

    /** Parses the file-name form; returns {@code null} for anything else. */
    public static SegmentType fromText(String text) {
        return switch (text) {
            case "full" -> FULL;
            case "suspect" -> SUSPECT;
            case "partial" -> PARTIAL;
            case "temp" -> TEMP;
            default -> null;
        };
    }
}

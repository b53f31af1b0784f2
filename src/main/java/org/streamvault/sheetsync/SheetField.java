package org.streamvault.sheetsync;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The sheet-owned columns of {@code events}: the schedule is their source, the database follows
 * it. Each knows how its cell reads (see wubloader's sheetsync) and how the reverse sync writes it.
 * {@code sheet_name} is not a cell: it is the worksheet's name.
 */
public enum SheetField {
    EVENT_START("event_start"),
    EVENT_END("event_end"),
    CATEGORY("category"),
    DESCRIPTION("description"),
    SUBMITTER_WINNER("submitter_winner"),
    POSTER_MOMENT("poster_moment"),
    IMAGE_LINKS("image_links"),
    NOTES("notes"),
    TAGS("tags");

    /** What wubloader's sheets show for a ticked box. */
    public static final String CHECK_MARK = "[\u2713]";
    private static final Set<String> TRUE = Set.of(CHECK_MARK, "\u2713", "true", "yes", "y", "x");
    private static final Set<String> FALSE = Set.of("", "[ ]", "false", "no", "n");

    private final String column;

    SheetField(String column) {
        this.column = column;
    }

    /** The column name, in {@code events} and in {@link SheetColumns}. */
    public String column() {
        return column;
    }

    /** The cell's value as the database column holds it (String, LocalDateTime, EndTime, Boolean, List). */
    public Object parse(String cell, SheetTimes times) throws MalformedCellException {
        return switch (this) {
            case EVENT_START -> times.parse(cell);
            case EVENT_END -> times.parseEnd(cell);
            case POSTER_MOMENT -> bool(cell);
            // links are separated by whitespace, tags by commas (tags may contain spaces)
            case IMAGE_LINKS -> Arrays.stream(cell.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList();
            case TAGS -> Arrays.stream(cell.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            default -> cell;
        };
    }

    /** The value as a cell, the inverse of {@link #parse}. */
    public String format(Object value, SheetTimes times) {
        return switch (this) {
            case EVENT_START -> times.format((java.time.LocalDateTime) value);
            case EVENT_END -> times.formatEnd((EndTime) value);
            case POSTER_MOMENT -> Boolean.TRUE.equals(value) ? CHECK_MARK : "";
            case IMAGE_LINKS -> value == null ? "" : String.join(" ", strings(value));
            case TAGS -> value == null ? "" : String.join(", ", strings(value));
            default -> value == null ? "" : value.toString();
        };
    }

    private static Boolean bool(String cell) throws MalformedCellException {
        String v = cell.strip().toLowerCase(Locale.ROOT);
        if (TRUE.contains(v)) {
            return true;
        }
        if (FALSE.contains(v)) {
            return false;
        }
        throw new MalformedCellException("malformed_boolean", "'" + cell.strip() + "' is not a tick ("
                + CHECK_MARK + ", yes, true) or empty");
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return (List<String>) value;
    }
}

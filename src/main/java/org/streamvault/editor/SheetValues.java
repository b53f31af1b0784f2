package org.streamvault.editor;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.streamvault.segments.Timestamps;

/**
 * The sheet columns of a row (what the schedule says the event is). An editor's save carries the
 * values the editor saw; if the row's values differ now, the schedule changed while they were
 * editing and the save is refused (409) until they review it or override.
 *
 * <p>Values compare as thrimshim compares them: text trimmed and case-insensitive, tag lists as
 * sorted sets of such text, times by instant.
 */
record SheetValues(Map<String, Object> values) {
    static final List<String> COLUMNS = List.of("sheet_name", "event_start", "event_end", "category", "description",
            "notes", "tags");

    static SheetValues fromEditor(JsonBody body) {
        Map<String, Object> v = new LinkedHashMap<>();
        for (String column : COLUMNS) {
            v.put(column, switch (column) {
                case "event_start", "event_end" -> body.time(column);
                case "tags" -> body.strings(column);
                default -> body.string(column);
            });
        }
        return new SheetValues(v);
    }

    static SheetValues fromRow(ResultSet rs) throws SQLException {
        Map<String, Object> v = new LinkedHashMap<>();
        for (String column : COLUMNS) {
            v.put(column, switch (column) {
                case "event_start", "event_end" -> {
                    LocalDateTime t = rs.getObject(column, LocalDateTime.class);
                    yield t == null ? null : RowJson.micros(t);
                }
                case "tags" -> {
                    Array a = rs.getArray(column);
                    yield a == null ? null : Arrays.stream((Object[]) a.getArray()).map(String::valueOf).toList();
                }
                default -> rs.getString(column);
            });
        }
        return new SheetValues(v);
    }

    /** The row's tags (empty when none). */
    List<String> tags() {
        return values.get("tags") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    /** One line naming each column that differs, {@code column: 'seen' => 'now'}; empty when none. */
    String changesSince(SheetValues seen) {
        List<String> changes = new ArrayList<>();
        for (String column : COLUMNS) {
            Object was = seen.values.get(column);
            Object now = values.get(column);
            if (!Objects.equals(normalize(was), normalize(now))) {
                changes.add(column + ": " + show(was) + " => " + show(now));
            }
        }
        return String.join("; ", changes);
    }

    private static Object normalize(Object value) {
        if (value instanceof String s) {
            return s.strip().toLowerCase(Locale.ROOT);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(o -> (String) normalize(o)).sorted().toList();
        }
        return value;
    }

    private static String show(Object value) {
        if (value == null) {
            return "(empty)";
        }
        if (value instanceof Long micros) {
            return Timestamps.formatIso(micros);
        }
        String s = value instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).toList())
                : value.toString();
        s = s.replace('\n', ' ');
        return "'" + (s.length() > 60 ? s.substring(0, 60) + "..." : s) + "'";
    }
}

package org.streamvault.editor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.streamvault.segments.Timestamps;

/**
 * One {@code events} row as JSON, every column under its own name, as thrimshim answers:
 * timestamps as ISO-8601 UTC, arrays as JSON arrays, binary columns as base64, the id and enums
 * as text; {@code video_ranges} as {@code [[start, end], ...]}, {@code video_transitions} as
 * {@code [[type, seconds] | null, ...]}, {@code event_end} as {@code [dashed, value]} (the list)
 * or its value alone (one row for editing). Other columns are read generically, so a wubloader
 * database with extra columns is listed whole.
 */
final class RowJson {
    /** Extra columns {@link EventStore} selects, read instead of the composite ones. */
    static final String RANGES_JSON = "sv_ranges_json";
    static final String TRANSITIONS_JSON = "sv_transitions_json";
    static final String END_DASHED = "sv_end_dashed";
    static final String END_VALUE = "sv_end_value";
    private static final List<String> COMPOSITE = List.of("video_ranges", "video_transitions", "event_end");
    private static final List<String> EXTRA = List.of(RANGES_JSON, TRANSITIONS_JSON, END_DASHED, END_VALUE);

    private RowJson() {
    }

    /** @param endAsPair event_end as {@code [dashed, value]} (thrimshim's list) rather than its value */
    static ObjectNode of(ResultSet rs, boolean endAsPair) throws SQLException {
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        ResultSetMetaData meta = rs.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String name = meta.getColumnName(i);
            if (EXTRA.contains(name)) {
                continue;
            }
            if (COMPOSITE.contains(name)) {
                putComposite(row, name, rs, endAsPair);
                continue;
            }
            switch (meta.getColumnType(i)) {
                case Types.TIMESTAMP -> {
                    LocalDateTime t = rs.getObject(i, LocalDateTime.class);
                    if (t == null) {
                        row.putNull(name);
                    } else {
                        row.put(name, Timestamps.formatIso(micros(t)));
                    }
                }
                case Types.BOOLEAN, Types.BIT -> {
                    boolean b = rs.getBoolean(i);
                    if (rs.wasNull()) {
                        row.putNull(name);
                    } else {
                        row.put(name, b);
                    }
                }
                case Types.ARRAY -> putArray(row, name, rs.getArray(i));
                case Types.INTEGER, Types.BIGINT, Types.SMALLINT, Types.DOUBLE, Types.REAL, Types.NUMERIC -> {
                    java.math.BigDecimal n = rs.getBigDecimal(i);
                    if (n == null) {
                        row.putNull(name);
                    } else {
                        row.put(name, n);
                    }
                }
                case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> {
                    byte[] bytes = rs.getBytes(i);
                    row.put(name, bytes == null ? null : Base64.getEncoder().encodeToString(bytes));
                }
                default -> row.put(name, rs.getString(i));
            }
        }
        return row;
    }

    private static void putComposite(ObjectNode row, String name, ResultSet rs, boolean endAsPair)
            throws SQLException {
        switch (name) {
            case "event_end" -> {
                LocalDateTime value = rs.getObject(END_VALUE, LocalDateTime.class);
                String iso = value == null ? null : Timestamps.formatIso(micros(value));
                if (endAsPair) {
                    boolean dashed = rs.getBoolean(END_DASHED);
                    ArrayNode pair = row.putArray(name);
                    if (rs.wasNull()) {
                        pair.addNull();
                    } else {
                        pair.add(dashed);
                    }
                    pair.add(iso);
                } else {
                    row.put(name, iso);
                }
            }
            case "video_ranges" -> {
                JsonNode ranges = json(rs.getString(RANGES_JSON));
                if (ranges == null) {
                    row.putNull(name);
                    return;
                }
                ArrayNode out = row.putArray(name);
                for (JsonNode r : ranges) {
                    ArrayNode pair = out.addArray();
                    pair.add(iso(r.path("start")));
                    pair.add(iso(r.path("end")));
                }
            }
            default -> {
                JsonNode transitions = json(rs.getString(TRANSITIONS_JSON));
                if (transitions == null) {
                    row.putNull(name);
                    return;
                }
                ArrayNode out = row.putArray(name);
                for (JsonNode t : transitions) {
                    if (t.isNull()) {
                        out.addNull();
                    } else {
                        ArrayNode pair = out.addArray().add(t.path("type").asText(null));
                        JsonNode duration = t.path("duration");
                        if (duration.isNumber()) {
                            pair.add(duration.doubleValue()); // seconds, as a float (1.0, not 1), as wubloader answers
                        } else {
                            pair.addNull();
                        }
                    }
                }
            }
        }
    }

    /** PostgreSQL's to_json of a TIMESTAMP ({@code 2026-11-20T14:05:00.5}, UTC wall time) as our ISO form. */
    private static String iso(JsonNode time) {
        return time.isTextual() ? Timestamps.formatIso(Timestamps.parseUtc(time.textValue())) : null;
    }

    private static JsonNode json(String text) throws SQLException {
        if (text == null) {
            return null;
        }
        try {
            return JsonBody.MAPPER.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("unreadable array column: " + text, e);
        }
    }

    private static void putArray(ObjectNode row, String name, Array array) throws SQLException {
        if (array == null) {
            row.putNull(name);
            return;
        }
        ArrayNode out = row.putArray(name);
        for (Object o : (Object[]) array.getArray()) {
            if (o == null) {
                out.addNull();
            } else if (o instanceof Integer n) {
                out.add(n); // box_coords: numbers, as wubloader answers them
            } else {
                out.add(o.toString());
            }
        }
    }

    static long micros(LocalDateTime t) {
        return t.toEpochSecond(ZoneOffset.UTC) * Timestamps.MICROS_PER_SECOND + t.getNano() / 1000;
    }

    static LocalDateTime dateTime(long micros) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, Timestamps.MICROS_PER_SECOND),
                (int) Math.floorMod(micros, Timestamps.MICROS_PER_SECOND) * 1000, ZoneOffset.UTC);
    }
}

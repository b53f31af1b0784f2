package org.streamvault.sheetsync;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.streamvault.db.Database;
import org.streamvault.db.SqlWork;

/**
 * The sheet sync's reads and writes of {@code events}: only the sheet-owned columns are ever
 * written, never a row deleted. Each pass is one SERIALIZABLE transaction ({@link Database#transaction},
 * retried on serialization failures), so a pass's view of the rows it compares is consistent.
 */
public final class SheetEventStore {
    /** The sheet-owned columns and what flows back; {@code event_end} is wubloader's {@code end_time (dashed, value)}. */
    private static final String SELECT = "SELECT id, sheet_name, event_start, (event_end).dashed AS end_dashed,"
            + " (event_end).value AS end_value, category, description, submitter_winner, poster_moment, image_links,"
            + " notes, tags, state::text AS state, video_link, error FROM events";

    private final Database database;

    public SheetEventStore(Database database) {
        this.database = database;
    }

    /** Runs {@code work} in one transaction; it may run again after a serialization failure. */
    public <T> T transaction(SqlWork<T> work) {
        return database.transaction(work);
    }

    /** The rows with these ids. */
    public Map<String, StoredEvent> load(Connection c, Collection<String> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("text", ids.toArray()));
            return read(ps);
        }
    }

    /** Every row of these worksheets, in event order (for the reverse sync). */
    public Map<String, StoredEvent> bySheet(Connection c, Collection<String> sheetNames) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT
                + " WHERE sheet_name = ANY(?) ORDER BY event_start NULLS LAST, id")) {
            ps.setArray(1, c.createArrayOf("text", sheetNames.toArray()));
            return read(ps);
        }
    }

    /** A new UNEDITED row: {@code values} holds sheet_name and the columns that were readable. */
    public void insert(Connection c, String id, Map<String, Object> values) throws SQLException {
        List<String> names = new ArrayList<>(List.of("id"));
        List<String> slots = new ArrayList<>(List.of("?"));
        for (String column : values.keySet()) {
            names.add(column);
            slots.add(slot(column));
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO events (" + String.join(", ", names)
                + ") VALUES (" + String.join(", ", slots) + ")")) {
            ps.setString(1, id);
            bindAll(ps, 2, values, c);
            ps.executeUpdate();
        }
    }

    /** Sets {@code changed} columns of row {@code id}. */
    public void update(Connection c, String id, Map<String, Object> changed) throws SQLException {
        List<String> sets = new ArrayList<>();
        for (String column : changed.keySet()) {
            sets.add(column + " = " + slot(column));
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE events SET " + String.join(", ", sets)
                + " WHERE id = ?")) {
            int next = bindAll(ps, 1, changed, c);
            ps.setString(next, id);
            ps.executeUpdate();
        }
    }


    private static Map<String, StoredEvent> read(PreparedStatement ps) throws SQLException {
        Map<String, StoredEvent> out = new LinkedHashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("sheet_name", text(rs, "sheet_name"));
                LocalDateTime start = rs.getObject("event_start", LocalDateTime.class);
                v.put("event_start", start);
                v.put("event_end", new EndTime(rs.getBoolean("end_dashed"), rs.getObject("end_value", LocalDateTime.class)));
                for (String column : List.of("category", "description", "submitter_winner", "notes")) {
                    v.put(column, text(rs, column));
                }
                v.put("poster_moment", rs.getBoolean("poster_moment"));
                v.put("image_links", strings(rs.getArray("image_links")));
                v.put("tags", strings(rs.getArray("tags")));
                String id = rs.getString("id");
                out.put(id, new StoredEvent(id, v, rs.getString("state"), rs.getString("video_link"),
                        rs.getString("error")));
            }
        }
        return out;
    }

    private static String slot(String column) {
        return switch (column) {
            case "event_start" -> "?::timestamp";
            case "event_end" -> "ROW(?::boolean, ?::timestamp)::end_time";
            case "poster_moment" -> "?::boolean";
            case "image_links", "tags" -> "?::text[]";
            default -> "?";
        };
    }

    private static int bindAll(PreparedStatement ps, int first, Map<String, Object> values, Connection c)
            throws SQLException {
        int i = first;
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object v = e.getValue();
            switch (e.getKey()) {
                case "event_start" -> time(ps, i++, (LocalDateTime) v);
                case "event_end" -> {
                    EndTime end = v == null ? EndTime.NONE : (EndTime) v;
                    ps.setBoolean(i++, end.dashed());
                    time(ps, i++, end.value());
                }
                case "poster_moment" -> ps.setBoolean(i++, Boolean.TRUE.equals(v));
                case "image_links", "tags" -> ps.setArray(i++, c.createArrayOf("text",
                        v == null ? new Object[0] : ((List<?>) v).toArray()));
                default -> ps.setString(i++, v == null ? "" : v.toString());
            }
        }
        return i;
    }

    private static void time(PreparedStatement ps, int i, LocalDateTime t) throws SQLException {
        if (t == null) {
            ps.setNull(i, Types.TIMESTAMP);
        } else {
            ps.setObject(i, t);
        }
    }

    private static String text(ResultSet rs, String column) throws SQLException {
        String s = rs.getString(column);
        return s == null ? "" : s;
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.stream((Object[]) a.getArray()).map(String::valueOf).toList();
    }
}

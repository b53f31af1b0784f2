package org.streamvault.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.streamvault.segments.Timestamps;

/** Inserts and reads {@code events} rows for tests, as an editor or psql would leave them. */
public final class EventRows {
    private final TestDatabase db;

    public EventRows(TestDatabase db) {
        this.db = db;
    }

    /** An EDITED row cutting {@code [startIso, endIso)} of channel/quality to {@code location}. */
    public UUID insertEdited(String title, String startIso, String endIso, String channel, String quality,
            String location, boolean allowHoles) throws SQLException {
        return insert("EDITED", null, title, startIso, endIso, channel, quality, location, allowHoles);
    }

    public UUID insert(String state, String uploader, String title, String startIso, String endIso, String channel,
            String quality, String location, boolean allowHoles) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO events (id, sheet_name, state, uploader, upload_location, allow_holes, video_start, video_end,"
                        + " video_title, video_description, video_tags, video_channel, video_quality, editor, edit_time)"
                        + " VALUES (?, 'test', ?::event_state, ?, ?, ?, ?, ?, ?, 'A clip made by a test.', '{test,clip}', ?, ?,"
                        + " 'editor@example.org', now())")) {
            ps.setObject(1, id);
            ps.setString(2, state);
            ps.setString(3, uploader);
            ps.setString(4, location);
            ps.setBoolean(5, allowHoles);
            ps.setTimestamp(6, ts(startIso));
            ps.setTimestamp(7, ts(endIso));
            ps.setString(8, title);
            ps.setString(9, channel);
            ps.setString(10, quality);
            ps.executeUpdate();
        }
        return id;
    }

    /** An UNEDITED row as the schedule sync leaves it: sheet columns only (times may be null). */
    public UUID insertUnedited(String sheetName, String eventStartIso, String eventEndIso, String category,
            String description) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO events (id, sheet_name, event_start, event_end, category, description, notes, tags)"
                        + " VALUES (?, ?, ?, ?, ?, ?, 'a note', '{Tag One,tag two}')")) {
            ps.setObject(1, id);
            ps.setString(2, sheetName);
            ps.setTimestamp(3, eventStartIso == null ? null : ts(eventStartIso));
            ps.setTimestamp(4, eventEndIso == null ? null : ts(eventEndIso));
            ps.setString(5, category);
            ps.setString(6, description);
            ps.executeUpdate();
        }
        return id;
    }

    /** Runs an UPDATE with parameters (as an operator or the editor would). */
    public int update(String sql, Object... params) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    /** The row's columns as strings (arrays as their text form). */
    public Map<String, String> get(UUID id) throws SQLException {
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("SELECT * FROM events WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Map<String, String> out = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    out.put(rs.getMetaData().getColumnName(i), rs.getString(i));
                }
                return out;
            }
        }
    }

    public long count(String whereClause) throws SQLException {
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM events WHERE " + whereClause);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Timestamp ts(String iso) {
        long micros = Timestamps.parseUtc(iso);
        return Timestamp.valueOf(LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC));
    }
}

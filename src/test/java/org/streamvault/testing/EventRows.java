package org.streamvault.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import org.streamvault.segments.Timestamps;

/** Inserts and reads {@code events} rows for tests, as an editor or psql would leave them. */
public final class EventRows {
    private final TestDatabase db;

    public EventRows(TestDatabase db) {
        this.db = db;
    }

    /** An EDITED row cutting {@code [startIso, endIso)} of channel/quality to {@code location}. */
    public String insertEdited(String title, String startIso, String endIso, String channel, String quality,
            String location, boolean allowHoles) throws SQLException {
        return insert("EDITED", null, title, startIso, endIso, channel, quality, location, allowHoles);
    }

    /** A row of one range in {@code state}. */
    public String insert(String state, String uploader, String title, String startIso, String endIso, String channel,
            String quality, String location, boolean allowHoles) throws SQLException {
        return insertRanges(state, uploader, title, List.of(startIso, endIso), List.of(), channel, quality, location,
                allowHoles);
    }

    /**
     * A row of several ranges: {@code startsAndEnds} holds start, end, start, end, ... (ISO, UTC);
     * {@code transitions} one element per join, each {@code "type,seconds"} or null for a hard cut.
     */
    public String insertRanges(String state, String uploader, String title, List<String> startsAndEnds,
            List<String> transitions, String channel, String quality, String location, boolean allowHoles)
            throws SQLException {
        // ids are TEXT: not UUIDs, as wubloader's sheet sync makes them
        String id = "ev-" + UUID.randomUUID().toString().substring(0, 13);
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO events (id, sheet_name, state, uploader, upload_location, allow_holes, video_ranges,"
                        + " video_transitions, video_title, video_description, video_tags, video_channel, video_quality,"
                        + " editor, edit_time)"
                        + " VALUES (?, 'test', ?::event_state, ?, ?, ?, ?::video_range[], ?::video_transition[], ?,"
                        + " 'A clip made by a test.', '{test,clip}', ?, ?, 'editor@example.org', now())")) {
            ps.setString(1, id);
            ps.setString(2, state);
            ps.setString(3, uploader);
            ps.setString(4, location);
            ps.setBoolean(5, allowHoles);
            ps.setString(6, rangesLiteral(startsAndEnds));
            ps.setString(7, transitionsLiteral(transitions));
            ps.setString(8, title);
            ps.setString(9, channel);
            ps.setString(10, quality);
            ps.executeUpdate();
        }
        return id;
    }

    /** PostgreSQL's text form of a video_range[] (times as UTC wall time). */
    public static String rangesLiteral(List<String> startsAndEnds) {
        StringJoiner out = new StringJoiner(",", "{", "}");
        for (int i = 0; i + 1 < startsAndEnds.size(); i += 2) {
            out.add("\"(" + wall(startsAndEnds.get(i)) + "," + wall(startsAndEnds.get(i + 1)) + ")\"");
        }
        return out.toString();
    }

    /** PostgreSQL's text form of a video_transition[]: "type,seconds" elements, null for a hard cut. */
    public static String transitionsLiteral(List<String> transitions) {
        StringJoiner out = new StringJoiner(",", "{", "}");
        for (String t : transitions) {
            out.add(t == null ? "NULL" : "\"(" + t + ")\"");
        }
        return out.toString();
    }

    private static String wall(String iso) {
        return Timestamps.formatIso(Timestamps.parseUtc(iso)).replace("T", " ").replace("Z", "");
    }

    /** An UNEDITED row as the schedule sync leaves it: sheet columns only (times may be null). */
    public String insertUnedited(String sheetName, String eventStartIso, String eventEndIso, String category,
            String description) throws SQLException {
        String id = "ev-" + UUID.randomUUID().toString().substring(0, 13);
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO events (id, sheet_name, event_start, event_end, category, description, notes, tags)"
                        + " VALUES (?, ?, ?, ROW(FALSE, ?)::end_time, ?, ?, 'a note', '{Tag One,tag two}')")) {
            ps.setString(1, id);
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
    public Map<String, String> get(String id) throws SQLException {
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("SELECT * FROM events WHERE id = ?")) {
            ps.setString(1, id);
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

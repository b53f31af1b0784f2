package org.streamvault.editor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.streamvault.db.Database;
import org.streamvault.restream.HttpProblem;

/**
 * The editor's reads and writes of {@code events} and {@code editors}. Every statement is
 * parameterised; column names come only from the constants here.
 *
 * <p>A save reads the row's state and sheet columns and updates it in one SERIALIZABLE
 * transaction, so a schedule change or a cutter claim that lands in between makes the
 * transaction retry and see it, rather than be overwritten.
 */
final class EventStore {
    /** States in which no video has been uploaded, so an edit (or a plain reset) is still safe. */
    static final String EDITABLE = "('UNEDITED', 'EDITED', 'CLAIMED')";

    private final Database db;

    EventStore(Database db) {
        this.db = db;
    }

    List<ObjectNode> all() {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM events ORDER BY event_start NULLS LAST, id");
                    ResultSet rs = ps.executeQuery()) {
                List<ObjectNode> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(RowJson.of(rs));
                }
                return rows;
            }
        });
    }

    /** The row, or {@code null} if there is none with that id. */
    ObjectNode get(UUID id) {
        return db.query(c -> row(c, id));
    }

    /** Applies an edit; answers the row as it is now. */
    ObjectNode save(UUID id, EditForm form, String editor) {
        return db.transaction(c -> {
            String state;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT state::text AS state, sheet_name, event_start, event_end, category, description, notes, tags"
                            + " FROM events WHERE id = ? FOR UPDATE")) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw HttpProblem.notFound("no event with id " + id);
                    }
                    state = rs.getString("state");
                    if (!List.of("UNEDITED", "EDITED", "CLAIMED").contains(state)) {
                        throw new HttpProblem(403, "the video is already " + state
                                + " and can no longer be edited; reset the row first");
                    }
                    if (!form.overrideChanges()) {
                        String changes = SheetValues.fromRow(rs).changesSince(form.seenSheet());
                        if (!changes.isEmpty()) {
                            throw new HttpProblem(409, "the schedule changed since you loaded this row: " + changes
                                    + " (reload to see it, or save again with override_changes)");
                        }
                    }
                }
            }
            update(c, id, form, editor);
            return row(c, id);
        });
    }

    private static void update(Connection c, UUID id, EditForm form, String editor) throws SQLException {
        StringBuilder sql = new StringBuilder("UPDATE events SET state = ?::event_state, upload_location = ?,"
                + " video_start = ?, video_end = ?, video_channel = ?, video_quality = COALESCE(?, video_quality),"
                + " video_title = ?, video_description = ?, video_tags = ?, uploader = NULL, error = NULL,"
                + " editor = ?, edit_time = (now() AT TIME ZONE 'UTC')");
        List<Object> params = new ArrayList<>(List.of(form.state()));
        params.add(form.uploadLocation());
        params.add(form.videoStart() == null ? null : RowJson.dateTime(form.videoStart()));
        params.add(form.videoEnd() == null ? null : RowJson.dateTime(form.videoEnd()));
        params.add(form.videoChannel());
        params.add(form.videoQuality());
        params.add(form.videoTitle());
        params.add(form.videoDescription());
        params.add(form.videoTags() == null ? null : c.createArrayOf("text", form.videoTags().toArray()));
        params.add(editor);
        if (form.allowHoles() != null) {
            sql.append(", allow_holes = ?");
            params.add(form.allowHoles());
        }
        if (form.hasWhitelist()) {
            sql.append(", uploader_whitelist = ?");
            params.add(form.uploaderWhitelist() == null ? null
                    : c.createArrayOf("text", form.uploaderWhitelist().toArray()));
        }
        if (form.publicVideo() != null) {
            sql.append(", public = ?");
            params.add(form.publicVideo());
        }
        sql.append(" WHERE id = ? AND state IN ").append(EDITABLE);
        params.add(id);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                Object p = params.get(i);
                if (p == null) {
                    ps.setNull(i + 1, Types.OTHER);
                } else {
                    ps.setObject(i + 1, p);
                }
            }
            if (ps.executeUpdate() != 1) {
                throw new HttpProblem(403, "the video changed state while saving; reload the row");
            }
        }
    }

    /** Marks an UNEDITED row as uploaded by hand to {@code link}. */
    void manualLink(UUID id, String location, String link, String videoId, String editor) {
        db.transaction(c -> {
            String state = state(c, id);
            if (!"UNEDITED".equals(state)) {
                throw new HttpProblem(403, "a manual link needs an UNEDITED row; this one is " + state
                        + " (reset it first)");
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE events SET state = 'DONE', upload_location = ?,"
                    + " video_link = ?, video_id = ?, editor = ?, edit_time = (now() AT TIME ZONE 'UTC'),"
                    + " upload_time = (now() AT TIME ZONE 'UTC'), error = NULL WHERE id = ? AND state = 'UNEDITED'")) {
                ps.setString(1, location);
                ps.setString(2, link);
                ps.setString(3, videoId);
                ps.setString(4, editor);
                ps.setObject(5, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Clears the row's progress back to UNEDITED. Without {@code force} only while no video can
     * have been uploaded yet (UNEDITED, EDITED, CLAIMED).
     */
    void reset(UUID id, boolean force) {
        db.transaction(c -> {
            String state = state(c, id);
            if (!force && !List.of("UNEDITED", "EDITED", "CLAIMED").contains(state)) {
                throw new HttpProblem(403, "the row is " + state
                        + " so a video may exist; reset with ?force=true to cut it again anyway");
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE events SET state = 'UNEDITED', error = NULL,"
                    + " video_id = NULL, video_link = NULL, uploader = NULL, editor = NULL, edit_time = NULL,"
                    + " upload_time = NULL WHERE id = ?")) {
                ps.setObject(1, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Whether {@code email} (any case) is in {@code editors}. */
    boolean isEditor(String email) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM editors WHERE lower(email) = lower(?)")) {
                ps.setString(1, email);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    private static String state(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT state::text FROM events WHERE id = ? FOR UPDATE")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw HttpProblem.notFound("no event with id " + id);
                }
                return rs.getString(1);
            }
        }
    }

    private static ObjectNode row(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM events WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? RowJson.of(rs) : null;
            }
        }
    }
}

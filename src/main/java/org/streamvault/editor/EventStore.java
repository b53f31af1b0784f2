package org.streamvault.editor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.streamvault.db.Database;
import org.streamvault.restream.HttpProblem;

/**
 * The editor's reads and writes of {@code events} and {@code roles}. Every statement is
 * parameterised; column names come only from the constants here.
 *
 * <p>A save reads the row's state and sheet columns and updates it in one SERIALIZABLE
 * transaction, so a schedule change or a cutter claim that lands in between makes the
 * transaction retry and see it, rather than be overwritten.
 */
final class EventStore {
    /** States in which no video has been uploaded, so an edit (or a plain reset) is still safe. */
    static final String EDITABLE = "('UNEDITED', 'EDITED', 'CLAIMED')";
    /** States of a published video, whose modifiable columns an edit may change (MODIFIED). */
    static final String PUBLISHED = "('DONE', 'MODIFIED')";
    /**
     * Every column, plus the composite ones in a form JDBC reads without a driver type:
     * {@link RowJson} shows these instead of the raw columns.
     */
    private static final String ROW = "SELECT *, to_json(video_ranges)::text AS " + RowJson.RANGES_JSON
            + ", to_json(video_transitions)::text AS " + RowJson.TRANSITIONS_JSON + ", (event_end).dashed AS "
            + RowJson.END_DASHED + ", (event_end).value AS " + RowJson.END_VALUE + " FROM events";

    private final Database db;
    private final String descriptionTail;

    /** @param descriptionTail what ends every stored description (the footer): the playlists block goes before it */
    EventStore(Database db, String descriptionTail) {
        this.db = db;
        this.descriptionTail = descriptionTail;
    }

    List<ObjectNode> all() {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement(ROW + " ORDER BY event_start NULLS LAST, id");
                    ResultSet rs = ps.executeQuery()) {
                List<ObjectNode> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(RowJson.of(rs, true));
                }
                return rows;
            }
        });
    }

    /** The row, or {@code null} if there is none with that id. */
    ObjectNode get(String id) {
        return db.query(c -> row(c, id));
    }

    /** Applies an edit; answers the row as it is now. */
    ObjectNode save(String id, EditForm typed, String editor) {
        return db.transaction(c -> {
            Map<String, Object> stored = new LinkedHashMap<>();
            EditForm form;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT state::text AS state, sheet_name, event_start, (event_end).value AS event_end, category,"
                            + " description, notes, tags, thumbnail_mode::text AS thumbnail_mode, thumbnail_time,"
                            + " thumbnail_template, thumbnail_image, thumbnail_crop, thumbnail_location FROM events"
                            + " WHERE id = ? FOR UPDATE")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw HttpProblem.notFound("no event with id " + id);
                    }
                    String state = rs.getString("state");
                    SheetValues sheet = SheetValues.fromRow(rs);
                    // the row's tags as they are now, in this transaction, say which playlists it is in
                    form = typed.withPlaylistBlock(PlaylistBlock.forEvent(c, sheet.tags()), descriptionTail);
                    if (form.isModification() && !List.of("DONE", "MODIFIED").contains(state)) {
                        throw new HttpProblem(403, "the video is " + state + " and cannot be modified: only a"
                                + " published (DONE) video's title, description, tags and visibility can be changed");
                    }
                    if (!form.isModification() && !List.of("UNEDITED", "EDITED", "CLAIMED").contains(state)) {
                        throw new HttpProblem(403, "the video is already " + state + " and can no longer be edited;"
                                + " submit changes (MODIFIED) to its title, description, tags or visibility, or reset"
                                + " the row first");
                    }
                    if (!form.overrideChanges()) {
                        String changes = sheet.changesSince(form.seenSheet());
                        if (!changes.isEmpty()) {
                            throw new HttpProblem(409, "the schedule changed since you loaded this row: " + changes
                                    + " (reload to see it, or save again with override_changes)");
                        }
                    }
                    stored.put("thumbnail_mode", rs.getString("thumbnail_mode"));
                    stored.put("thumbnail_time", rs.getObject("thumbnail_time", java.time.LocalDateTime.class));
                    stored.put("thumbnail_template", rs.getString("thumbnail_template"));
                    stored.put("thumbnail_image", rs.getBytes("thumbnail_image"));
                    for (String box : List.of("thumbnail_crop", "thumbnail_location")) {
                        java.sql.Array a = rs.getArray(box);
                        stored.put(box, a == null ? null : (Integer[]) a.getArray());
                    }
                }
            }
            if (!"UNEDITED".equals(form.state())) {
                form.thumbnail().requireInputs(stored);
            }
            EditForm edit = form.withThumbnail(form.thumbnail().keepingSavedCopyUnlessChanged(stored));
            if (edit.isModification()) {
                modify(c, id, edit, editor);
            } else {
                update(c, id, edit, editor);
            }
            return row(c, id);
        });
    }

    private static void update(Connection c, String id, EditForm form, String editor) throws SQLException {
        StringBuilder sql = new StringBuilder("UPDATE events SET state = ?::event_state, upload_location = ?,"
                + " video_ranges = ?::video_range[], video_transitions = ?::video_transition[], video_channel = ?,"
                + " video_quality = COALESCE(?, video_quality), video_title = ?, video_description = ?, video_tags = ?,"
                + " uploader = NULL, error = NULL, editor = ?, edit_time = (now() AT TIME ZONE 'UTC')");
        List<Object> params = new ArrayList<>(List.of(form.state()));
        params.add(form.uploadLocation());
        params.add(form.ranges() == null ? null : form.ranges().rangesLiteral());
        params.add(form.ranges() == null ? null : form.ranges().transitionsLiteral());
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
        appendThumbnail(c, sql, params, form);
        sql.append(" WHERE id = ? AND state IN ").append(EDITABLE);
        params.add(id);
        if (execute(c, sql.toString(), params) != 1) {
            throw new HttpProblem(403, "the video changed state while saving; reload the row");
        }
    }

    /**
     * A published video's changes: only the modifiable columns, then MODIFIED for the cutter's
     * updater; {@code last_modified} is what the updater's final UPDATE is guarded by.
     */
    private static void modify(Connection c, String id, EditForm form, String editor) throws SQLException {
        StringBuilder sql = new StringBuilder("UPDATE events SET state = 'MODIFIED', error = NULL,"
                + " last_modified = clock_timestamp() AT TIME ZONE 'UTC', video_title = ?, video_description = ?,"
                + " video_tags = ?, public = ?, editor = ?, edit_time = (now() AT TIME ZONE 'UTC')");
        List<Object> params = new ArrayList<>();
        params.add(form.videoTitle());
        params.add(form.videoDescription());
        params.add(c.createArrayOf("text", form.videoTags().toArray()));
        params.add(form.publicVideo());
        params.add(editor);
        appendThumbnail(c, sql, params, form);
        sql.append(" WHERE id = ? AND state IN ").append(PUBLISHED);
        params.add(id);
        if (execute(c, sql.toString(), params) != 1) {
            throw new HttpProblem(409, "the video changed state while saving (was it reset?); reload the row");
        }
    }

    private static void appendThumbnail(Connection c, StringBuilder sql, List<Object> params, EditForm form)
            throws SQLException {
        if (form.thumbnail().mode() != null) {
            sql.append(", thumbnail_mode = ?::thumbnail_mode");
            params.add(form.thumbnail().mode());
        }
        for (Map.Entry<String, Object> e : form.thumbnail().columns().entrySet()) {
            sql.append(", ").append(e.getKey()).append(" = ?"); // names from ThumbnailEdit's constants only
            Object v = e.getValue();
            params.add(v instanceof Integer[] box ? c.createArrayOf("integer", box) : v);
        }
    }

    private static int execute(Connection c, String sql, List<Object> params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                Object p = params.get(i);
                if (p == null) {
                    ps.setNull(i + 1, Types.OTHER);
                } else {
                    ps.setObject(i + 1, p);
                }
            }
            return ps.executeUpdate();
        }
    }

    /** Marks an UNEDITED row as uploaded by hand to {@code link}. */
    void manualLink(String id, String location, String link, String videoId, String editor) {
        db.transaction(c -> {
            String state = state(c, id);
            if (!"UNEDITED".equals(state)) {
                throw new HttpProblem(403, "a manual link needs an UNEDITED row; this one is " + state
                        + " (reset it first)");
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE events SET state = 'DONE', upload_location = ?,"
                    + " video_link = ?, video_id = ?, editor = ?, edit_time = (now() AT TIME ZONE 'UTC'),"
                    + " upload_time = (now() AT TIME ZONE 'UTC'), error = NULL, thumbnail_mode = 'NONE'"
                    + " WHERE id = ? AND state = 'UNEDITED'")) {
                ps.setString(1, location);
                ps.setString(2, link);
                ps.setString(3, videoId);
                ps.setString(4, editor);
                ps.setString(5, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Clears the row's progress back to UNEDITED. Without {@code force} only while no video can
     * have been uploaded yet (UNEDITED, EDITED, CLAIMED).
     */
    void reset(String id, boolean force) {
        db.transaction(c -> {
            String state = state(c, id);
            if (!force && !List.of("UNEDITED", "EDITED", "CLAIMED").contains(state)) {
                throw new HttpProblem(403, "the row is " + state
                        + " so a video may exist; reset with ?force=true to cut it again anyway");
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE events SET state = 'UNEDITED', error = NULL,"
                    + " video_id = NULL, video_link = NULL, uploader = NULL, editor = NULL, edit_time = NULL,"
                    + " upload_time = NULL, last_modified = NULL WHERE id = ?")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The roles of {@code roles} (wubloader's table): a column each. */
    enum Role {
        EDITOR, ARTIST;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Whether {@code email} (any case) has {@code role} in {@code roles} (stored in lower case). */
    boolean hasRole(String email, Role role) {
        return db.query(c -> {
            // the column name comes from the enum only
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM roles WHERE email = lower(?) AND "
                    + role.column())) {
                ps.setString(1, email);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** The row's thumbnail inputs, or {@code null} if there is no such row. */
    org.streamvault.images.ThumbnailSpec thumbnail(String id) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + org.streamvault.images.ThumbnailSpec.COLUMNS
                    + " FROM events WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? org.streamvault.images.ThumbnailSpec.read(rs) : null;
                }
            }
        });
    }

    private static String state(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT state::text FROM events WHERE id = ? FOR UPDATE")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw HttpProblem.notFound("no event with id " + id);
                }
                return rs.getString(1);
            }
        }
    }

    private static ObjectNode row(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ROW + " WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? RowJson.of(rs, false) : null;
            }
        }
    }
}

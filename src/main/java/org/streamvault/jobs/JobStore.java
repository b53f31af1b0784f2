package org.streamvault.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.streamvault.db.Database;
import org.streamvault.segments.Timestamps;
import org.streamvault.upload.UploadResult;

/**
 * Every state change the cutter makes to {@code events}, each one UPDATE guarded by the state
 * (and uploader) it expects, so that of several nodes racing only one succeeds and a row changed
 * under a node is noticed instead of overwritten. Parameterised statements only.
 */
public final class JobStore {
    /** The columns {@link #toJob} reads; array columns as JSON text so they outlive the connection. */
    public static final String JOB_COLUMNS = "id, allow_holes, to_json(uploader_whitelist)::text AS uploader_whitelist,"
            + " upload_location, public, to_json(video_ranges)::text AS video_ranges_json,"
            + " video_ranges::text AS video_ranges, to_json(video_transitions)::text AS video_transitions_json,"
            + " video_transitions::text AS video_transitions, video_title, video_description,"
            + " to_json(video_tags)::text AS video_tags, video_channel, video_quality, error";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    /** The edit inputs, compared in the claim and before finalizing. */
    private static final String UNCHANGED = " AND allow_holes = ? AND upload_location = ? AND public = ?"
            + " AND video_ranges IS NOT DISTINCT FROM ?::video_range[]"
            + " AND video_transitions IS NOT DISTINCT FROM ?::video_transition[] AND video_title = ? AND video_description = ?"
            + " AND video_tags = ? AND video_channel = ? AND video_quality = ?"
            + " AND (uploader_whitelist IS NULL OR ? = ANY(uploader_whitelist))";

    private final Database db;
    private final String node;

    public JobStore(Database db, String node) {
        this.db = db;
        this.node = node;
    }

    public String node() {
        return node;
    }

    /** Claims the job for this node: EDITED → CLAIMED, only if no edit input changed. */
    public boolean claim(Job job) {
        return update("UPDATE events SET state = 'CLAIMED', uploader = ?, error = NULL WHERE id = ? AND state = 'EDITED'"
                + UNCHANGED, job, node, job.id()) == 1;
    }

    /** CLAIMED → FINALIZING, only if still ours and unchanged; false means the job was cancelled. */
    public boolean markFinalizing(Job job) {
        return update("UPDATE events SET state = 'FINALIZING' WHERE id = ? AND state = 'CLAIMED' AND uploader = ?"
                + UNCHANGED, job, job.id(), node) == 1;
    }

    /** FINALIZING → TRANSCODING or DONE, with where the video went. */
    public boolean finish(Job job, UploadResult result) {
        String sql = result.needsTranscoding()
                ? "UPDATE events SET state = 'TRANSCODING', video_id = ?, video_link = ?, error = NULL"
                        + " WHERE id = ? AND state = 'FINALIZING' AND uploader = ?"
                : "UPDATE events SET state = 'DONE', video_id = ?, video_link = ?, error = NULL,"
                        + " upload_time = (now() AT TIME ZONE 'UTC') WHERE id = ? AND state = 'FINALIZING' AND uploader = ?";
        return plain(sql, result.videoId(), result.videoLink(), job.id(), node) == 1;
    }

    /**
     * FINALIZING → TRANSCODING or DONE as {@link #finish(Job, UploadResult)}, recording the thumbnail
     * that was set: its hash in {@code thumbnail_last_written} and, for a rendered one, the image as
     * the row's saved copy.
     */
    public boolean finish(Job job, UploadResult result, JobThumbnails.Rendered thumbnail) {
        if (thumbnail == null) {
            return finish(job, result);
        }
        String state = result.needsTranscoding() ? "'TRANSCODING'" : "'DONE'";
        String uploadTime = result.needsTranscoding() ? "" : ", upload_time = (now() AT TIME ZONE 'UTC')";
        return plain("UPDATE events SET state = " + state + ", video_id = ?, video_link = ?, error = NULL" + uploadTime
                + ", thumbnail_last_written = ?, thumbnail_image = COALESCE(?, thumbnail_image)"
                + " WHERE id = ? AND state = 'FINALIZING' AND uploader = ?", result.videoId(), result.videoLink(),
                thumbnail.hash(), thumbnail.saveCopy() ? thumbnail.png() : null, job.id(), node) == 1;
    }

    /**
     * FINALIZING → MODIFIED: the video is uploaded but its thumbnail could not be set. MODIFIED is
     * a published video whose backend is behind the row (wubloader does the same), so the updater
     * sets the thumbnail again; {@code error} says why it is not set yet.
     */
    public boolean finishWithoutThumbnail(Job job, UploadResult result, String error) {
        return plain("UPDATE events SET state = 'MODIFIED', video_id = ?, video_link = ?, error = ?,"
                + " upload_time = (now() AT TIME ZONE 'UTC'), last_modified = clock_timestamp() AT TIME ZONE 'UTC'"
                + " WHERE id = ? AND state = 'FINALIZING' AND uploader = ?", result.videoId(), result.videoLink(),
                error, job.id(), node) == 1;
    }

    /** The row's thumbnail inputs (and saved copy) as the cutter renders them, or null without the row. */
    public org.streamvault.images.ThumbnailSpec thumbnail(String id) {
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

    /** CLAIMED → EDITED (try again later, perhaps on another node), with the reason. */
    public void releaseForRetry(Job job, String error) {
        plain("UPDATE events SET state = 'EDITED', uploader = NULL, error = ?"
                + " WHERE id = ? AND state = 'CLAIMED' AND uploader = ?", error, job.id(), node);
    }

    /** CLAIMED → UNEDITED with the reason: an editor has to change something. */
    public void reject(Job job, String error) {
        plain("UPDATE events SET state = 'UNEDITED', uploader = NULL, error = ?"
                + " WHERE id = ? AND state = 'CLAIMED' AND uploader = ?", error, job.id(), node);
    }

    /** Leaves the row FINALIZING but says why an operator must look at it. */
    public void flagFinalizing(Job job, String error) {
        plain("UPDATE events SET error = ? WHERE id = ? AND state = 'FINALIZING' AND uploader = ?", error, job.id(), node);
    }

    /** After a cancel: a row still CLAIMED by us (but changed) goes back to the queue. */
    public void returnIfStillClaimed(Job job) {
        plain("UPDATE events SET state = 'EDITED', uploader = NULL WHERE id = ? AND state = 'CLAIMED' AND uploader = ?",
                job.id(), node);
    }

    /** Sets an error on an EDITED row that has none yet, so editors see why it waits. */
    public void noteErrorOnce(Job job, String error) {
        plain("UPDATE events SET error = ? WHERE id = ? AND state = 'EDITED' AND error IS NULL", error, job.id());
    }

    /** On start: this node's CLAIMED rows back to EDITED; its FINALIZING rows flagged. Returns both counts. */
    public int[] recoverAfterRestart() {
        int released = plain("UPDATE events SET state = 'EDITED', uploader = NULL WHERE state = 'CLAIMED' AND uploader = ?",
                node);
        int flagged = plain("UPDATE events SET error = ? WHERE state = 'FINALIZING' AND uploader = ? AND error IS NULL",
                "node " + node + " restarted while finalizing this upload: check whether the video exists, then set the"
                        + " row to DONE (with its link) or back to EDITED",
                node);
        return new int[] {released, flagged};
    }

    /** A MODIFIED row: what to send to its video, and the {@code last_modified} (text form) it was read with. */
    public record Modification(String id, String uploadLocation, String videoId, String title, String description,
            List<String> tags, boolean isPublic, String lastModified) {
    }

    /** Prefix of the error a retryable update failure leaves; rows with another error wait for an editor. */
    static final String UPDATE_RETRY_ERROR = "Updating the video failed, will retry: ";

    /**
     * MODIFIED rows to send to their backend: those without an error, or whose last attempt
     * failed in a way worth retrying (the update, or setting the thumbnail after the upload or an
     * earlier update). A row whose update was refused for good waits until an
     * editor changes it again (which clears the error).
     */
    public List<Modification> modified() {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, upload_location, video_id, video_title,"
                    + " video_description, to_json(video_tags)::text, public, last_modified::text FROM events"
                    + " WHERE state = 'MODIFIED' AND (error IS NULL OR starts_with(error, ?) OR starts_with(error, ?))")) {
                ps.setString(1, UPDATE_RETRY_ERROR);
                ps.setString(2, CutterWorker.THUMBNAIL_RETRY_ERROR);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Modification> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new Modification(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), strings(rs.getString(6)), rs.getBoolean(7), rs.getString(8)));
                    }
                    return out;
                }
            }
        });
    }

    /**
     * MODIFIED → DONE, error cleared, only if nobody touched the row since it was read: a newer
     * edit (new last_modified) or a reset is never overwritten. False means the row changed.
     */
    public boolean markUpdated(Modification m) {
        return plain("UPDATE events SET state = 'DONE', error = NULL WHERE id = ? AND state = 'MODIFIED'"
                + " AND last_modified = ?::timestamp", m.id(), m.lastModified()) == 1;
    }

    /**
     * As {@link #markUpdated(Modification)}, recording the thumbnail that was set (its hash, and a
     * rendered one as the row's saved copy); {@code thumbnail} null when none was sent.
     */
    public boolean markUpdated(Modification m, JobThumbnails.Rendered thumbnail) {
        if (thumbnail == null) {
            return markUpdated(m);
        }
        return plain("UPDATE events SET state = 'DONE', error = NULL, thumbnail_last_written = ?,"
                + " thumbnail_image = COALESCE(?, thumbnail_image) WHERE id = ? AND state = 'MODIFIED'"
                + " AND last_modified = ?::timestamp", thumbnail.hash(), thumbnail.saveCopy() ? thumbnail.png() : null,
                m.id(), m.lastModified()) == 1;
    }

    /** The SHA-256 of the thumbnail last set on the row's video, or null if none was. */
    public byte[] thumbnailLastWritten(String id) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT thumbnail_last_written FROM events WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getBytes(1) : null;
                }
            }
        });
    }

    /** Shows why the update failed; the row stays MODIFIED (guarded as {@link #markUpdated}). */
    public boolean markUpdateFailed(Modification m, String error) {
        return plain("UPDATE events SET error = ? WHERE id = ? AND state = 'MODIFIED' AND last_modified = ?::timestamp",
                error, m.id(), m.lastModified()) == 1;
    }

    /** TRANSCODING rows of one location: id → video id. */
    public Map<String, String> transcoding(String location) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, video_id FROM events WHERE state = 'TRANSCODING' AND upload_location = ?")) {
                ps.setString(1, location);
                try (ResultSet rs = ps.executeQuery()) {
                    Map<String, String> out = new java.util.LinkedHashMap<>();
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getString(2));
                    }
                    return out;
                }
            }
        });
    }

    /** TRANSCODING → DONE; an error from an earlier check (YouTube not knowing the video yet) is cleared. */
    public Published markTranscoded(String id) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE events SET state = 'DONE', upload_time = (now() AT TIME ZONE 'UTC'), error = NULL"
                            + " WHERE id = ? AND state = 'TRANSCODING' RETURNING video_title, video_id, video_link")) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new Published(id, rs.getString(1), rs.getString(2), rs.getString(3)) : null;
                }
            }
        });
    }

    /** A row that became DONE: its video is viewable at {@code link}. */
    public record Published(String id, String title, String videoId, String link) {
    }

    /**
     * Shows why a TRANSCODING row's video will not become viewable; the row keeps its state (the
     * video exists, so only an operator may reset it). True when the error is new for the row.
     */
    public boolean markTranscodeFailed(String id, String error) {
        return plain("UPDATE events SET error = ? WHERE id = ? AND state = 'TRANSCODING' AND error IS DISTINCT FROM ?",
                error, id, error) > 0;
    }

    private int update(String sql, Job job, Object... leading) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                for (Object o : leading) {
                    ps.setObject(i++, o);
                }
                ps.setBoolean(i++, job.allowHoles());
                ps.setString(i++, job.uploadLocation());
                ps.setBoolean(i++, job.isPublic());
                ps.setString(i++, job.rangesText());
                ps.setString(i++, job.transitionsText());
                ps.setString(i++, job.videoTitle());
                ps.setString(i++, job.videoDescription());
                ps.setArray(i++, c.createArrayOf("text", job.videoTags().toArray()));
                ps.setString(i++, job.videoChannel());
                ps.setString(i++, job.videoQuality());
                ps.setString(i, node);
                return ps.executeUpdate();
            }
        });
    }

    private int plain(String sql, Object... params) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Reads a row selected with {@link #JOB_COLUMNS} as camel-sql hands it over (a map per row,
     * column names as keys).
     */
    public static Job toJob(Map<String, Object> row) throws SQLException {
        return new Job((String) row.get("id"), Boolean.TRUE.equals(row.get("allow_holes")),
                strings((String) row.get("uploader_whitelist")), (String) row.get("upload_location"),
                Boolean.TRUE.equals(row.get("public")), ranges((String) row.get("video_ranges_json")),
                transitions((String) row.get("video_transitions_json")), (String) row.get("video_ranges"),
                (String) row.get("video_transitions"), (String) row.get("video_title"),
                (String) row.get("video_description"), strings((String) row.get("video_tags")),
                (String) row.get("video_channel"), (String) row.get("video_quality"), (String) row.get("error"));
    }

    /** {@code to_json(video_ranges)}: {@code [{"start": "2026-11-20T14:00:01.5", "end": ...}, ...]}. */
    static List<VideoRange> ranges(String json) throws SQLException {
        List<VideoRange> out = new ArrayList<>();
        for (JsonNode range : array(json)) {
            out.add(range.isNull() ? new VideoRange(Long.MIN_VALUE, Long.MIN_VALUE)
                    : new VideoRange(jsonTime(range.get("start"), json), jsonTime(range.get("end"), json)));
        }
        return out;
    }

    /** {@code to_json(video_transitions)}: {@code [null, {"type": "fade", "duration": 0.5}, ...]}. */
    static List<VideoTransition> transitions(String json) throws SQLException {
        List<VideoTransition> out = new ArrayList<>();
        for (JsonNode t : array(json)) {
            if (t.isNull()) {
                out.add(null);
            } else {
                JsonNode type = t.get("type");
                JsonNode duration = t.get("duration");
                out.add(new VideoTransition(type == null || type.isNull() ? null : type.asText(),
                        duration == null || !duration.isNumber() ? Double.NaN : duration.asDouble()));
            }
        }
        return out;
    }

    private static JsonNode array(String json) throws SQLException {
        if (json == null) {
            return JSON.createArrayNode();
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable array column: " + json, e);
        }
    }

    private static long jsonTime(JsonNode value, String json) throws SQLException {
        if (value == null || value.isNull()) {
            return Long.MIN_VALUE;
        }
        try {
            return Timestamps.parseUtc(value.asText());
        } catch (IllegalArgumentException e) {
            throw new SQLException("unreadable time in video_ranges: " + json, e);
        }
    }

    static List<String> strings(String json) throws SQLException {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable text[] column: " + json, e);
        }
    }

    /** TIMESTAMP columns hold UTC wall time. */
    static long micros(Timestamp t) {
        if (t == null) {
            return Long.MIN_VALUE;
        }
        LocalDateTime ldt = t.toLocalDateTime();
        return ldt.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + ldt.getNano() / 1000;
    }

    static Timestamp timestamp(long micros) {
        return Timestamp.valueOf(LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC));
    }

}

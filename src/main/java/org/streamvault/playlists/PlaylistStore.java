package org.streamvault.playlists;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.streamvault.db.Database;

/** What the playlist manager reads: playlists that name a YouTube playlist, and published videos. */
public final class PlaylistStore {
    /** A playlist row with a YouTube id. */
    public record Playlist(String id, String name, List<String> tags, String playlistId, String firstEventId,
            String lastEventId) {
    }

    /** A published event: its id, when it happened, its tags, its YouTube video. */
    public record Video(String eventId, LocalDateTime eventStart, List<String> tags, String videoId) {
    }

    private final Database database;
    private final List<String> uploadLocations;

    /** @param uploadLocations the locations whose videos are on the playlists' channel; empty = all */
    public PlaylistStore(Database database, List<String> uploadLocations) {
        this.database = database;
        this.uploadLocations = List.copyOf(uploadLocations);
    }

    public List<Playlist> playlists() {
        return database.query(c -> {
            List<Playlist> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, tags, playlist_id, first_event_id,"
                    + " last_event_id FROM playlists WHERE playlist_id IS NOT NULL AND playlist_id <> '' ORDER BY id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Playlist(rs.getString(1), rs.getString(2), strings(rs.getArray(3)), rs.getString(4),
                            rs.getString(5), rs.getString(6)));
                }
            }
            return out;
        });
    }

    /** Published (DONE or MODIFIED) events with a video, in event order. */
    public List<Video> videos() {
        return database.query(c -> {
            String where = uploadLocations.isEmpty() ? "" : " AND upload_location = ANY(?)";
            List<Video> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, event_start, tags, video_id FROM events"
                    + " WHERE state IN ('DONE', 'MODIFIED') AND video_id IS NOT NULL" + where
                    + " ORDER BY event_start NULLS LAST, id")) {
                if (!uploadLocations.isEmpty()) {
                    ps.setArray(1, c.createArrayOf("text", uploadLocations.toArray()));
                }
                read(ps, out);
            }
            return out;
        });
    }

    private static void read(PreparedStatement ps, List<Video> out) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Video(rs.getString(1), rs.getObject(2, LocalDateTime.class), strings(rs.getArray(3)),
                        rs.getString(4)));
            }
        }
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.stream((Object[]) a.getArray()).map(String::valueOf).toList();
    }
}

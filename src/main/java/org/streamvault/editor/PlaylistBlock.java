package org.streamvault.editor;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.streamvault.playlists.PlaylistContents;

/**
 * The "playlists" block of a stored description (SPEC §7, §11): after a blank line,
 * {@value #HEADER} and one line {@code - NAME [https://youtube.com/playlist?list=ID]} per
 * playlist that has {@code show_in_description} and whose tags the event has (the playlist
 * manager's rule, {@link PlaylistContents#tagsMatch}), just before the footer. The words are
 * wubloader's, so either project's editor strips the block the other added.
 */
final class PlaylistBlock {
    static final String HEADER = "This video is part of the following playlists:";
    private static final String URL = "https://youtube.com/playlist?list=";
    /** What a YouTube playlist id is made of; the strip pattern relies on it. */
    private static final Pattern PLAYLIST_ID = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern BLOCK = Pattern.compile("\n\n" + Pattern.quote(HEADER) + "(\n- .* \\["
            + Pattern.quote(URL) + "[A-Za-z0-9_-]+\\])+\\z");

    private PlaylistBlock() {
    }

    /** The block for an event with {@code eventTags}, read in the save's transaction; empty when none applies. */
    static String forEvent(Connection c, List<String> eventTags) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name, tags, playlist_id FROM playlists"
                + " WHERE show_in_description AND playlist_id IS NOT NULL ORDER BY name, id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String playlistId = rs.getString("playlist_id");
                if (PLAYLIST_ID.matcher(playlistId).matches()
                        && PlaylistContents.tagsMatch(strings(rs.getArray("tags")), eventTags)) {
                    // one line per playlist, and nothing the description check refuses
                    String name = rs.getString("name").replaceAll("[<>]", "").replaceAll("\\s*[\\r\\n]+\\s*", " ")
                            .strip();
                    lines.add("- " + name + " [" + URL + playlistId + "]");
                }
            }
        }
        return lines.isEmpty() ? "" : HEADER + "\n" + String.join("\n", lines);
    }

    /** {@code stored} (ending in {@code tail}, the footer) with {@code block} as its last paragraph before the tail. */
    static String add(String stored, String block, String tail) {
        if (stored == null || block.isEmpty() || !stored.endsWith(tail)) {
            return stored;
        }
        return stored.substring(0, stored.length() - tail.length()) + "\n\n" + block + tail;
    }

    /** {@code stored} without the block {@link #add} put before {@code tail}; the tail stays. */
    static String strip(String stored, String tail) {
        if (stored == null || !stored.endsWith(tail)) {
            return stored;
        }
        String body = stored.substring(0, stored.length() - tail.length());
        Matcher m = BLOCK.matcher(body);
        return m.find() ? body.substring(0, m.start()) + tail : stored;
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.stream((Object[]) a.getArray()).map(String::valueOf).toList();
    }
}

package org.streamvault.sheetsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamvault.sheetsync.SheetSyncFixture.withHeader;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.testing.Await;
import org.streamvault.testing.FakeSheets;
import org.streamvault.testing.TestDatabase;
import org.streamvault.testing.TestNode;

/** The playlists worksheet fills the playlists table, read with every pass. */
class PlaylistSheetSyncTest {
    @TempDir
    Path dir;

    @Test
    void playlistRowsGetIdsAndFollowTheSheet() throws Exception {
        try (TestDatabase db = TestDatabase.create(); FakeSheets sheets = new FakeSheets()) {
            sheets.addWorksheet("Day 1", withHeader());
            sheets.addWorksheet("Playlists", List.of(List.of("Tags", "Description", "Name", "Playlist", "Show", "Template",
                    "First", "Last", "ID"),
                    List.of("bug, Funny", "The funniest bugs", "Bugs", "https://www.youtube.com/playlist?list=PLabc&si=x",
                            "[\u2713]", "", "first-event", "", "")));
            try (TestNode node = SheetSyncFixture.start(dir, db, sheets, "Day 1",
                    "streamvault.sheetsync.playlists-worksheet", "Playlists")) {
                Await.until("an id for the playlist row", () -> !sheets.cell("Playlists", 2, 8).isEmpty());
                String id = sheets.cell("Playlists", 2, 8);
                Await.until("the playlist in the table", () -> playlist(db, id) != null);
                assertThat(playlist(db, id)).containsEntry("name", "Bugs").containsEntry("tags", "{bug,Funny}")
                        .containsEntry("playlist_id", "PLabc").containsEntry("show_in_description", "t")
                        .containsEntry("first_event_id", "first-event").containsEntry("last_event_id", null);
                sheets.setCell("Playlists", 2, 4, "perhaps");
                sheets.setCell("Playlists", 2, 2, "Bugs and glitches");
                Await.until("the new name", () -> "Bugs and glitches".equals(playlist(db, id).get("name")));
                assertThat(playlist(db, id)).containsEntry("show_in_description", "t");
                Await.until("the bad tick counted", () -> SheetSyncFixture.metric(node,
                        "streamvault_sheetsync_sheet_problems", "kind=\"malformed_boolean\"") == 1);
                // a row without tags or id is not a playlist
                sheets.setRow("Playlists", 3, "", "just a note");
                int reads = sheets.reads();
                Await.until("two more passes", () -> sheets.reads() >= reads + 2);
                assertThat(sheets.cell("Playlists", 3, 8)).isEmpty();
            }
            assertThat(sheets.violations()).isEmpty();
        }
    }

    private static Map<String, String> playlist(TestDatabase db, String id) throws Exception {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("SELECT * FROM playlists WHERE id = ?")) {
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
}

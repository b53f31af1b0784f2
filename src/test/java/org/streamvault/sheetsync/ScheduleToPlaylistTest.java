package org.streamvault.sheetsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamvault.sheetsync.SheetSyncFixture.ID;
import static org.streamvault.sheetsync.SheetSyncFixture.STATE;
import static org.streamvault.sheetsync.SheetSyncFixture.VIDEO;
import static org.streamvault.sheetsync.SheetSyncFixture.event;
import static org.streamvault.sheetsync.SheetSyncFixture.row;
import static org.streamvault.sheetsync.SheetSyncFixture.withHeader;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.testing.Await;
import org.streamvault.testing.FakeSheets;
import org.streamvault.testing.FakeYouTube;
import org.streamvault.testing.TestDatabase;
import org.streamvault.testing.TestNode;

/**
 * The whole loop on one node: an operator types an event and a playlist into the sheet; the
 * event gets an id; once it is published (as the cutter leaves a row) the sheet shows DONE and
 * the link, and the video is in the YouTube playlist its tags name.
 */
class ScheduleToPlaylistTest {
    @TempDir
    Path dir;

    @Test
    void typedRowEndsUpPublishedInTheSheetAndInItsPlaylist() throws Exception {
        try (TestDatabase db = TestDatabase.create(); FakeSheets sheets = new FakeSheets();
                FakeYouTube youtube = new FakeYouTube()) {
            sheets.addWorksheet("Day 1", withHeader());
            sheets.addWorksheet("Playlists", List.of(List.of("Tags", "Description", "Name", "Playlist", "Show",
                    "Template", "First", "Last", "ID"), List.of("animals", "Every animal", "Animals", "PLanimals")));
            youtube.addPlaylist("PLanimals");
            youtube.addExistingVideo("vCat");
            Path credentials = youtube.writeCredentials(dir.resolve("youtube.json"));
            try (TestNode node = SheetSyncFixture.start(dir, db, sheets, "Day 1",
                    "streamvault.sheetsync.playlists-worksheet", "Playlists",
                    "streamvault.playlists.enabled", "true",
                    "streamvault.playlists.credentials-file", credentials.toString(),
                    "streamvault.playlists.api-root-url", youtube.rootUrl(),
                    "streamvault.playlists.token-url", youtube.tokenUrl(),
                    "streamvault.playlists.poll-interval", "200")) {
                sheets.setRow("Day 1", 2, row("3:15", "3:20", "Animals", "A cat on the bus", "", "", "", "", "",
                        "Animals, cats"));
                Await.until("the row's id", () -> !sheets.cell("Day 1", 2, ID).isEmpty());
                String id = sheets.cell("Day 1", 2, ID);
                Await.until("the event", () -> event(db, id) != null);
                SheetSyncFixture.update(db, "UPDATE events SET state = 'DONE', video_id = 'vCat', video_link = ?,"
                        + " upload_time = now(), editor = 'ed@example.org', edit_time = now(), upload_location = 'yt'"
                        + " WHERE id::text = ?", "https://youtu.be/vCat", id);
                Await.until("DONE and the link in the sheet", () -> sheets.cell("Day 1", 2, STATE).equals("DONE")
                        && sheets.cell("Day 1", 2, VIDEO).equals("https://youtu.be/vCat"));
                Await.until("the video in its playlist", () -> youtube.playlist("PLanimals").equals(List.of("vCat")));
                assertThat(node.get("/observe/health/ready").statusCode()).isEqualTo(200);
            }
            assertThat(sheets.violations()).isEmpty();
            assertThat(youtube.violations()).isEmpty();
        }
    }
}

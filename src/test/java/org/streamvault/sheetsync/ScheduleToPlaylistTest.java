package org.streamvault.sheetsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamvault.sheetsync.SheetSyncFixture.EDIT;
import static org.streamvault.sheetsync.SheetSyncFixture.ID;
import static org.streamvault.sheetsync.SheetSyncFixture.STATE;
import static org.streamvault.sheetsync.SheetSyncFixture.VIDEO;
import static org.streamvault.sheetsync.SheetSyncFixture.event;
import static org.streamvault.sheetsync.SheetSyncFixture.row;
import static org.streamvault.sheetsync.SheetSyncFixture.withHeader;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.Await;
import org.streamvault.testing.CutChecker;
import org.streamvault.testing.FakeSheets;
import org.streamvault.testing.FakeYouTube;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestDatabase;
import org.streamvault.testing.TestNode;

/**
 * Issue #16's "done means", with nothing simulated, on one node running sheet sync, editor API,
 * cutter (a YouTube location against the fake YouTube) and playlists over a store of real
 * ffmpeg-made segments: an operator types a row into the sheet; it gets an id and is in
 * {@code events}; an editor saves it through {@code POST /thrimshim/{id}}; the cutter cuts and
 * uploads it; the sheet shows DONE and the link; the video is in the playlist its tags name, in
 * event order with the other one, whose event is later but which was published first.
 */
class ScheduleToPlaylistTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bus time 1:00:00 (the fixture's bus start is 21:00 UTC); the store holds 8 s from here. */
    private static final String RECORDED = "2026-11-13T22:00:00";
    /** The operators' "marked for edit" cell: such rows get the editor's link. */
    private static final String MARKED = "[+] Marked";

    @TempDir
    Path dir;

    @Test
    void typedRowIsEditedCutPublishedShownInTheSheetAndPlaylistedInEventOrder() throws Exception {
        Path store = dir.resolve("store");
        new StoreBuilder(store, "desertbus", "source").addMedia(Timestamps.parseUtc(RECORDED), 4, "2.0");
        try (TestDatabase db = TestDatabase.create(); FakeSheets sheets = new FakeSheets();
                FakeYouTube youtube = new FakeYouTube()) {
            sheets.addWorksheet("Day 1", withHeader());
            sheets.addWorksheet("Playlists", List.of(List.of("Tags", "Description", "Name", "Playlist", "Show",
                    "Template", "First", "Last", "ID"), List.of("animals", "Every animal", "Animals", "PLanimals",
                            "yes")));
            youtube.addPlaylist("PLanimals");
            Path credentials = youtube.writeCredentials(dir.resolve("youtube.json"));
            String locations = "{\"yt\": {\"type\": \"youtube\", \"cut_type\": \"full\", \"format\": \"mp4\","
                    + " \"api_root_url\": \"" + youtube.rootUrl() + "\", \"token_url\": \"" + youtube.tokenUrl()
                    + "\"}}";
            try (TestNode node = SheetSyncFixture.startIn(store, dir, db, sheets, "Day 1",
                    "streamvault.sheetsync.playlists-worksheet", "Playlists",
                    "streamvault.node-name", "cutter-node",
                    "streamvault.editor.enabled", "true", "streamvault.editor.auth.enabled", "false",
                    "streamvault.editor.upload-locations", "yt", "streamvault.editor.default-channel", "desertbus",
                    "streamvault.cutter.enabled", "true", "streamvault.cutter.upload-locations", locations,
                    "streamvault.cutter.credentials-file", credentials.toString(),
                    "streamvault.cutter.poll-interval", "200", "streamvault.cutter.transcode-check-interval", "200",
                    "streamvault.playlists.enabled", "true",
                    "streamvault.playlists.credentials-file", credentials.toString(),
                    "streamvault.playlists.api-root-url", youtube.rootUrl(),
                    "streamvault.playlists.token-url", youtube.tokenUrl(),
                    "streamvault.playlists.poll-interval", "200")) {
                long started = System.nanoTime();
                String laterVideo = publish(node, db, sheets, youtube, 2, row("1:00:04", "1:00:07", "Animals",
                        "A cat naps on the dashboard", "", "", "", MARKED, "", "Animals, cats"), "22:00:04.5", "22:00:07");
                Await.until("the first video in its playlist",
                        () -> youtube.playlist("PLanimals").equals(List.of(laterVideo)));

                // an earlier moment logged late: its video goes before the first one, not at the end
                String earlierVideo = publish(node, db, sheets, youtube, 3, row("1:00:00", "1:00:03", "Animals",
                        "A cat boards the bus", "", "", "", MARKED, "", "cats, ANIMALS, bus"), "22:00:00.5", "22:00:03");
                Await.until("both videos in event order",
                        () -> youtube.playlist("PLanimals").equals(List.of(earlierVideo, laterVideo)));
                // the fewest calls: each video inserted once, straight into its place
                assertThat(youtube.playlistCalls()).containsEntry("insert", 2).doesNotContainKeys("update", "delete");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
                assertThat(node.get("/observe/health/ready").statusCode()).isEqualTo(200);
            }
            assertThat(sheets.violations()).isEmpty();
            assertThat(youtube.violations()).isEmpty();
            assertThat(youtube.videos()).hasSize(2);
        }
    }

    /**
     * An operator types {@code cells} into row {@code number}; an editor submits the range
     * {@code from}..{@code to} (UTC times on the recording's day) of it; answers the video's id
     * once the sheet shows it DONE with its link.
     */
    private String publish(TestNode node, TestDatabase db, FakeSheets sheets, FakeYouTube youtube, int number,
            String[] cells, String from, String to) throws Exception {
        sheets.setRow("Day 1", number, cells);
        Await.until("an id written into the typed row", Duration.ofSeconds(10),
                () -> !sheets.cell("Day 1", number, ID).isEmpty());
        String id = sheets.cell("Day 1", number, ID);
        Await.until("the event in the database", Duration.ofSeconds(10), () -> event(db, id) != null);
        assertThat(event(db, id)).containsEntry("state", "UNEDITED").containsEntry("description", cells[3]);
        Await.until("the edit link and UNEDITED in the sheet", Duration.ofSeconds(10),
                () -> sheets.cell("Day 1", number, EDIT).equals(SheetSyncFixture.EDIT_URL.replace("{id}", id))
                        && sheets.cell("Day 1", number, STATE).equals("UNEDITED"));

        // the editor page's load and save
        ObjectNode edit = (ObjectNode) JSON.readTree(node.get("/thrimshim/" + id).body());
        edit.put("state", "EDITED");
        edit.put("upload_location", "yt");
        edit.put("video_quality", "source");
        edit.putArray("video_ranges").addArray().add("2026-11-13T" + from + "Z").add("2026-11-13T" + to + "Z");
        edit.putArray("video_transitions");
        edit.put("video_title", cells[3]);
        edit.put("video_description", "Logged by the crew.");
        edit.putArray("video_tags").add("cat");
        edit.put("thumbnail_mode", "NONE");
        edit.put("public", true);
        HttpResponse<String> saved = node.post("/thrimshim/" + id, JSON.writeValueAsString(edit));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);

        // the cutter cuts and uploads; YouTube then finishes processing it
        Await.until("uploaded", () -> event(db, id).get("video_id") != null);
        String videoId = event(db, id).get("video_id");
        FakeYouTube.FakeVideo video = youtube.videos().get(videoId);
        Path uploaded = Files.write(dir.resolve(videoId + ".mp4"), video.body());
        double seconds = (Timestamps.parseUtc("2026-11-13T" + to) - Timestamps.parseUtc("2026-11-13T" + from))
                / (double) Timestamps.MICROS_PER_SECOND;
        CutChecker.assertPlaysAs(uploaded, seconds);
        assertThat(video.resource().path("snippet").path("title").asText()).isEqualTo(cells[3]);
        // the playlist the tags name is in the description (SPEC §11), before nothing else
        assertThat(video.resource().path("snippet").path("description").asText()).isEqualTo("Logged by the crew."
                + "\n\nThis video is part of the following playlists:\n"
                + "- Animals [https://youtube.com/playlist?list=PLanimals]");
        youtube.markProcessed(videoId);

        Await.until("DONE and the link in the sheet", () -> sheets.cell("Day 1", number, STATE).equals("DONE")
                && sheets.cell("Day 1", number, VIDEO).equals("https://youtu.be/" + videoId));
        Map<String, String> published = event(db, id);
        assertThat(published).containsEntry("state", "DONE").containsEntry("uploader", "cutter-node");
        return videoId;
    }
}

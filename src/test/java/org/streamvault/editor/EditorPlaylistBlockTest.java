package org.streamvault.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamvault.editor.EditorApiTest.assertRefused;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.streamvault.testing.EventRows;
import org.streamvault.testing.TestDatabase;
import org.streamvault.testing.TestNode;

/**
 * The playlists block of descriptions (SPEC §7, §11) over real HTTP and a real database: added on
 * save before the footer for the playlists that show themselves and whose tags the event has,
 * counted in YouTube's 5000 characters, stripped on load so a save round-trips unchanged.
 */
class EditorPlaylistBlockTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String FOOTER = "\n\nUploaded by the {video} team.";
    static final String BLOCK = "\n\nThis video is part of the following playlists:\n"
            + "- Animals [https://youtube.com/playlist?list=PLanimals]\n"
            + "- Cats on the bus [https://youtube.com/playlist?list=PL_cats-2]";
    static TestDatabase testDb;
    static EventRows rows;
    static TestNode node;

    @BeforeAll
    static void setUp() throws Exception {
        testDb = TestDatabase.create();
        rows = new EventRows(testDb);
        TestNode.initialise(testDb);
        String insert = "INSERT INTO playlists (id, name, tags, playlist_id, show_in_description)"
                + " VALUES (?, ?, ?::text[], ?, ?)";
        rows.update(insert, "p1", "Cats on the bus", "{cats,Animals}", "PL_cats-2", true);
        rows.update(insert, "p2", "Animals", "{ANIMALS}", "PLanimals", true);
        rows.update(insert, "p3", "Not in descriptions", "{animals}", "PLquiet", false);
        rows.update(insert, "p4", "Dogs", "{dogs}", "PLdogs", true);
        rows.update(insert, "p5", "No YouTube playlist yet", "{animals}", null, true);
        rows.update(insert, "p6", "No tags", "{}", "PLeverything", true);
        rows.update(insert, "p7", "Hearts <3\nand more", "{hearts}", "PLhearts", true);
        rows.update(insert, "p8", "Typed as a link", "{hearts}", "https://youtube.com/playlist?list=PLx", true);
        node = TestNode.start(Files.createTempDirectory("editor-playlists"), "streamvault.editor.enabled", "true",
                "streamvault.db.url", testDb.url(), "streamvault.db.user", testDb.user(),
                "streamvault.restreamer.enabled", "false", "streamvault.editor.auth.enabled", "false",
                "streamvault.editor.description-footer", "Uploaded by the {video} team.",
                "streamvault.editor.upload-locations", "youtube");
    }

    @AfterAll
    static void tearDown() throws Exception {
        node.close();
        testDb.close();
    }

    static String catRow() throws Exception {
        String id = rows.insertUnedited("Day 1", "2026-11-17T10:00:00", "2026-11-17T10:05:00", "Animals", "A cat");
        rows.update("UPDATE events SET tags = '{Cats,animals,funny}' WHERE id = ?", id);
        return id;
    }

    static ObjectNode edit(String id, String description) throws Exception {
        ObjectNode row = (ObjectNode) JSON.readTree(node.get("/thrimshim/" + id).body());
        row.put("state", "UNEDITED");
        row.putArray("video_ranges").addArray().add("2026-11-17T10:00:30Z").add("2026-11-17T10:04:00Z");
        row.putArray("video_transitions");
        row.put("video_title", "A cat");
        row.put("video_description", description);
        row.putArray("video_tags").add("cat");
        row.put("upload_location", "youtube");
        row.put("video_quality", "source");
        row.put("thumbnail_mode", "NONE");
        return row;
    }

    static HttpResponse<String> save(String id, JsonNode body) throws Exception {
        return node.post("/thrimshim/" + id, JSON.writeValueAsString(body));
    }

    @Test
    void blockIsAddedBeforeTheFooterAndStrippedOnLoad() throws Exception {
        String id = catRow();
        HttpResponse<String> r = save(id, edit(id, "It sat on the keyboard."));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        // the answer is the row as the editor edits it: what was typed
        assertThat(JSON.readTree(r.body()).get("video_description").asText()).isEqualTo("It sat on the keyboard.");
        Map<String, String> stored = rows.get(id);
        assertThat(stored.get("video_description")).isEqualTo("It sat on the keyboard." + BLOCK + FOOTER);

        ObjectNode loaded = (ObjectNode) JSON.readTree(node.get("/thrimshim/" + id).body());
        assertThat(loaded.get("video_description").asText()).isEqualTo("It sat on the keyboard.");
        loaded.put("state", "UNEDITED");
        assertThat(save(id, loaded).statusCode()).isEqualTo(201);
        assertThat(rows.get(id).get("video_description")).isEqualTo(stored.get("video_description"));
    }

    @Test
    void blockFollowsTheRowsTagsAtSaveTime() throws Exception {
        String id = catRow();
        assertThat(save(id, edit(id, "First.")).statusCode()).isEqualTo(201);
        rows.update("UPDATE events SET tags = '{dogs}' WHERE id = ?", id);
        ObjectNode again = edit(id, "First.");
        assertThat(again.get("video_description").asText()).isEqualTo("First.");
        assertThat(save(id, again).statusCode()).isEqualTo(201);
        assertThat(rows.get(id).get("video_description")).isEqualTo("First.\n\nThis video is part of the following"
                + " playlists:\n- Dogs [https://youtube.com/playlist?list=PLdogs]" + FOOTER);

        // no matching playlist: no block at all
        rows.update("UPDATE events SET tags = '{}' WHERE id = ?", id);
        assertThat(save(id, edit(id, "First.")).statusCode()).isEqualTo(201);
        assertThat(rows.get(id).get("video_description")).isEqualTo("First." + FOOTER);
    }

    @Test
    void blockCountsTowardsTheDescriptionLimit() throws Exception {
        String id = catRow();
        int room = 5000 - BLOCK.length() - FOOTER.length();
        assertRefused(save(id, edit(id, "y".repeat(room + 1))), 400, "description is 5001 characters with the list"
                + " of playlists the video is in and its footer; the limit is 5000");
        assertThat(rows.get(id).get("video_description")).isNull();
        assertThat(save(id, edit(id, "y".repeat(room))).statusCode()).isEqualTo(201);
        assertThat(rows.get(id).get("video_description")).hasSize(5000);
        assertThat(JSON.readTree(node.get("/thrimshim/" + id).body()).get("video_description").asText())
                .isEqualTo("y".repeat(room));
    }

    @Test
    void publishedVideosChangesCarryTheBlockToo() throws Exception {
        String id = catRow();
        // as the cutter leaves a published row
        rows.update("UPDATE events SET state = 'DONE', upload_location = 'youtube', video_id = 'v1',"
                + " video_link = 'https://youtu.be/v1', upload_time = now(), uploader = 'node-a',"
                + " editor = 'ed@example.org', edit_time = now(), video_title = 'A cat', video_description = ?,"
                + " video_tags = '{cat}', video_channel = 'desertbus', video_quality = 'source',"
                + " video_ranges = ARRAY[ROW('2026-11-17 10:00:30', '2026-11-17 10:04:00')]::video_range[],"
                + " video_transitions = '{}', thumbnail_mode = 'NONE', public = TRUE WHERE id = ?",
                "Old words." + BLOCK + FOOTER, id);
        ObjectNode loaded = (ObjectNode) JSON.readTree(node.get("/thrimshim/" + id).body());
        assertThat(loaded.get("video_description").asText()).isEqualTo("Old words.");
        loaded.put("state", "MODIFIED");
        loaded.put("video_description", "New words.");
        HttpResponse<String> r = save(id, loaded);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(rows.get(id)).containsEntry("state", "MODIFIED")
                .containsEntry("video_description", "New words." + BLOCK + FOOTER);
    }

    @Test
    void namesCannotBreakTheBlockOrTheSave() throws Exception {
        String id = catRow();
        rows.update("UPDATE events SET tags = '{hearts}' WHERE id = ?", id);
        HttpResponse<String> r = save(id, edit(id, "Love."));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        // one line, no angle brackets YouTube would refuse; an id that is not a playlist id is left out
        assertThat(rows.get(id).get("video_description")).isEqualTo("Love.\n\nThis video is part of the following"
                + " playlists:\n- Hearts 3 and more [https://youtube.com/playlist?list=PLhearts]" + FOOTER);
        assertThat(JSON.readTree(node.get("/thrimshim/" + id).body()).get("video_description").asText())
                .isEqualTo("Love.");
    }

    @Test
    void typedTextThatOnlyLooksLikeABlockIsKept() throws Exception {
        String id = catRow();
        rows.update("UPDATE events SET tags = '{}' WHERE id = ?", id);
        // not ending in a well-formed list line: the editor's own text, left alone
        String typed = "Notes.\n\nThis video is part of the following playlists:\n- my favourites";
        assertThat(save(id, edit(id, typed)).statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(node.get("/thrimshim/" + id).body()).get("video_description").asText())
                .isEqualTo(typed);
    }
}

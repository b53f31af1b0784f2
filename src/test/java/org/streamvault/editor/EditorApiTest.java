package org.streamvault.editor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.streamvault.testing.EventRows;
import org.streamvault.testing.TestDatabase;
import org.streamvault.testing.TestIdTokens;
import org.streamvault.testing.TestNode;

/**
 * The thrimshim API on a real node against a real database, with authentication on: tokens are
 * signed by a local key served from a local key-set URL.
 */
class EditorApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String EDITOR = "Editor@Example.org";
    static TestDatabase testDb;
    static EventRows rows;
    static TestIdTokens tokens;
    static TestNode node;

    @BeforeAll
    static void setUp() throws Exception {
        testDb = TestDatabase.create();
        rows = new EventRows(testDb);
        TestNode.initialise(testDb);
        rows.update("INSERT INTO roles (email, name, editor) VALUES (lower(?), 'An Editor', TRUE)", EDITOR);
        rows.update("INSERT INTO roles (email, name, artist) VALUES ('artist@example.org', 'Only An Artist', TRUE)");
        tokens = TestIdTokens.start();
        Path base = Files.createTempDirectory("editor-api");
        node = TestNode.start(base, "streamvault.editor.enabled", "true", "streamvault.db.url", testDb.url(),
                "streamvault.db.user", testDb.user(), "streamvault.restreamer.enabled", "false",
                "streamvault.editor.title-prefix", "DB2026", "streamvault.editor.description-footer",
                "Uploaded by the {video} team.", "streamvault.editor.upload-locations", "youtube, local",
                "streamvault.editor.default-channel", "desertbus", "streamvault.editor.event-start",
                "2026-11-13T21:00:00Z", "streamvault.editor.auth.issuer", TestIdTokens.ISSUER,
                "streamvault.editor.auth.audience", TestIdTokens.AUDIENCE, "streamvault.editor.auth.jwks-url",
                tokens.jwksUrl());
    }

    @AfterAll
    static void tearDown() throws Exception {
        node.close();
        tokens.close();
        testDb.close();
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    HttpResponse<String> post(String path, Object body, String... headers) throws Exception {
        return node.post(path, body instanceof String s ? s : JSON.writeValueAsString(body), headers);
    }

    String bearer() {
        return "Bearer " + tokens.token("editor@example.org");
    }

    String row() throws Exception {
        return rows.insertUnedited("Tuesday", "2026-11-17T10:00:00", "2026-11-17T10:05:00", "Bus", "The bus breaks down");
    }

    /** The editor's form of {@code id} turned into a save: what the page sends. */
    ObjectNode edit(String id, String state) throws Exception {
        ObjectNode row = (ObjectNode) json(node.get("/thrimshim/" + id));
        row.put("state", state);
        ArrayNode range = row.putArray("video_ranges").addArray();
        range.add("2026-11-17T10:00:30Z").add("2026-11-17T10:04:00.5Z");
        row.putArray("video_transitions");
        row.put("video_title", "The bus breaks down");
        row.put("video_description", "It broke.");
        row.putArray("video_tags").add("bus").add("breakdown");
        row.put("upload_location", "youtube");
        row.put("video_quality", "source");
        row.put("thumbnail_mode", "NONE");
        return row;
    }

    @Test
    void listsRowsOrderedByEventStart() throws Exception {
        String late = rows.insertUnedited("Late", "2026-11-19T10:00:00", null, "", "");
        String early = rows.insertUnedited("Early", "2026-11-10T10:00:00", null, "", "");
        HttpResponse<String> r = node.get("/thrimshim");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode all = json(r);
        int earlyAt = -1, lateAt = -1;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).get("id").asText().equals(early.toString())) {
                earlyAt = i;
                assertThat(all.get(i).get("event_start").asText()).isEqualTo("2026-11-10T10:00:00.000000Z");
                assertThat(all.get(i).get("tags").isArray()).isTrue();
                assertThat(all.get(i).get("state").asText()).isEqualTo("UNEDITED");
                assertThat(all.get(i).get("event_end").toString()).isEqualTo("[false,null]");
                assertThat(all.get(i).get("video_ranges").isNull()).isTrue();
            }
            if (all.get(i).get("id").asText().equals(late.toString())) {
                lateAt = i;
            }
        }
        assertThat(earlyAt).isNotNegative().isLessThan(lateAt);
    }

    @Test
    void defaultsCarryTheSettings() throws Exception {
        JsonNode d = json(node.get("/thrimshim/defaults"));
        assertThat(d.get("video_channel").asText()).isEqualTo("desertbus");
        assertThat(d.get("title_prefix").asText()).isEqualTo("DB2026 - ");
        assertThat(d.get("title_max_length").asInt()).isEqualTo(100 - "DB2026 - ".length());
        assertThat(d.get("upload_locations").toString()).isEqualTo("[\"youtube\",\"local\"]");
        assertThat(d.get("bustime_start").asText()).isEqualTo("2026-11-13T21:00:00Z");
        assertThat(d.get("auth_enabled").asBoolean()).isTrue();
        assertThat(d.get("auth_client_id").asText()).isEqualTo(TestIdTokens.AUDIENCE);
    }

    @Test
    void rowIsLoadedWithDefaultsAndSaveRoundTripsUnchanged() throws Exception {
        String id = row();
        JsonNode loaded = json(node.get("/thrimshim/" + id));
        assertThat(loaded.get("video_channel").asText()).isEqualTo("desertbus");
        assertThat(loaded.get("upload_locations").get(0).asText()).isEqualTo("youtube");
        assertThat(loaded.get("title_max_length").asInt()).isEqualTo(91);

        HttpResponse<String> saved = post("/thrimshim/" + id, edit(id, "UNEDITED"), "Authorization", bearer());
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
        Map<String, String> stored = rows.get(id);
        assertThat(stored.get("video_title")).isEqualTo("DB2026 - The bus breaks down");
        assertThat(stored.get("video_description")).isEqualTo("It broke.\n\nUploaded by the {video} team.");
        assertThat(stored.get("video_ranges")).isEqualTo("{\"(\\\"2026-11-17 10:00:30\\\",\\\"2026-11-17 10:04:00.5\\\")\"}");
        assertThat(stored.get("video_transitions")).isEqualTo("{}");
        assertThat(stored.get("state")).isEqualTo("UNEDITED");
        assertThat(stored.get("editor")).isEqualTo("editor@example.org");

        // The editor sees the title and description it typed, and saving them again changes nothing.
        ObjectNode again = (ObjectNode) json(node.get("/thrimshim/" + id));
        assertThat(again.get("video_title").asText()).isEqualTo("The bus breaks down");
        assertThat(again.get("video_description").asText()).isEqualTo("It broke.");
        assertThat(again.get("video_ranges").toString())
                .isEqualTo("[[\"2026-11-17T10:00:30.000000Z\",\"2026-11-17T10:04:00.500000Z\"]]");
        assertThat(again.get("event_end").asText()).isEqualTo("2026-11-17T10:05:00.000000Z");
        // default thumbnail frame: the middle of the event
        assertThat(again.get("thumbnail_time").asText()).isEqualTo("2026-11-17T10:02:30.000000Z");
        again.put("state", "UNEDITED");
        assertThat(post("/thrimshim/" + id, again, "Authorization", bearer()).statusCode()).isEqualTo(201);
        Map<String, String> after = rows.get(id);
        after.remove("edit_time");
        stored.remove("edit_time");
        assertThat(after).isEqualTo(stored);
    }

    @Test
    void submitMakesTheRowEditedForTheCutter() throws Exception {
        String id = row();
        ObjectNode edit = edit(id, "EDITED");
        edit.put("allow_holes", true);
        edit.putArray("uploader_whitelist").add("node-a");
        HttpResponse<String> r = post("/thrimshim/" + id, edit, "Authorization", bearer());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(json(r).get("state").asText()).isEqualTo("EDITED");
        Map<String, String> stored = rows.get(id);
        assertThat(stored).containsEntry("state", "EDITED").containsEntry("allow_holes", "t")
                .containsEntry("uploader_whitelist", "{node-a}").containsEntry("video_tags", "{bus,breakdown}")
                .containsEntry("upload_location", "youtube").containsEntry("video_channel", "desertbus")
                .containsEntry("editor", "editor@example.org");
        assertThat(stored.get("edit_time")).isNotNull();
        assertThat(stored.get("uploader")).isNull();
    }

    @Test
    void submitRefusesWhatTheCutterCouldNotUse() throws Exception {
        String id = row();
        String auth = bearer();
        ObjectNode noRanges = edit(id, "EDITED");
        noRanges.putNull("video_ranges");
        noRanges.putNull("video_transitions");
        assertRefused(post("/thrimshim/" + id, noRanges, "Authorization", auth), 400,
                "fields video_ranges, video_transitions must be set");
        ObjectNode noEnd = edit(id, "EDITED");
        ((ArrayNode) noEnd.get("video_ranges").get(0)).remove(1);
        assertRefused(post("/thrimshim/" + id, noEnd, "Authorization", auth), 400, "list of [start, end] pairs");
        ObjectNode empty = edit(id, "EDITED");
        empty.putArray("video_ranges");
        assertRefused(post("/thrimshim/" + id, empty, "Authorization", auth), 400, "at least one range");
        ObjectNode count = edit(id, "EDITED");
        count.withArray("video_transitions").addNull();
        assertRefused(post("/thrimshim/" + id, count, "Authorization", auth), 400,
                "there must be exactly 0 transitions for 1 ranges, not 1");
        ObjectNode alone = edit(id, "EDITED");
        alone.putNull("video_transitions");
        assertRefused(post("/thrimshim/" + id, alone, "Authorization", auth), 400, "set both or neither");
        ObjectNode noPublic = edit(id, "EDITED");
        noPublic.putNull("public");
        noPublic.putNull("thumbnail_mode");
        assertRefused(post("/thrimshim/" + id, noPublic, "Authorization", auth), 400,
                "fields thumbnail_mode, public must be set");

        ObjectNode blank = edit(id, "EDITED");
        blank.put("video_title", "  ");
        assertRefused(post("/thrimshim/" + id, blank, "Authorization", auth), 400, "title must not be blank");

        ObjectNode tooLong = edit(id, "UNEDITED");
        tooLong.put("video_title", "x".repeat(92));
        assertRefused(post("/thrimshim/" + id, tooLong, "Authorization", auth), 400, "101 characters");
        tooLong.put("video_title", "x".repeat(91));
        assertThat(post("/thrimshim/" + id, tooLong, "Authorization", auth).statusCode()).isEqualTo(201);

        // YouTube's 5000 characters, the footer included
        String footer = "\n\nUploaded by the {video} team.";
        ObjectNode longDescription = edit(id, "UNEDITED");
        longDescription.put("video_description", "y".repeat(5000 - footer.length() + 1));
        assertRefused(post("/thrimshim/" + id, longDescription, "Authorization", auth), 400,
                "description is 5001 characters with its footer; the limit is 5000");
        longDescription.put("video_description", "y".repeat(5000 - footer.length()));
        assertThat(post("/thrimshim/" + id, longDescription, "Authorization", auth).statusCode()).isEqualTo(201);

        ObjectNode backwards = edit(id, "EDITED");
        ((ArrayNode) backwards.get("video_ranges").get(0)).set(1, "2026-11-17T10:00:30Z");
        assertRefused(post("/thrimshim/" + id, backwards, "Authorization", auth), 400,
                "range 1: the start must be before the end");

        ObjectNode angleTitle = edit(id, "EDITED");
        angleTitle.put("video_title", "a > b");
        assertRefused(post("/thrimshim/" + id, angleTitle, "Authorization", auth), 400, "title may not contain < or >");

        ObjectNode badState = edit(id, "DONE");
        assertRefused(post("/thrimshim/" + id, badState, "Authorization", auth), 400, "state must be EDITED");

        ObjectNode missing = edit(id, "EDITED");
        missing.remove("video_title");
        missing.remove("category");
        assertRefused(post("/thrimshim/" + id, missing, "Authorization", auth), 400, "fields missing in JSON: video_title, category");

        ObjectNode angle = edit(id, "EDITED");
        angle.put("video_description", "<script>");
        assertRefused(post("/thrimshim/" + id, angle, "Authorization", auth), 400, "may not contain < or >");

        ObjectNode badChannel = edit(id, "EDITED");
        badChannel.put("video_channel", "../etc");
        assertRefused(post("/thrimshim/" + id, badChannel, "Authorization", auth), 400, "video_channel must be a plain name");
        assertThat(rows.get(id).get("state")).isEqualTo("UNEDITED");
    }

    @Test
    void malformedBodiesAreRefusedInOneLine() throws Exception {
        String id = row();
        String auth = bearer();
        assertRefused(post("/thrimshim/" + id, "{\"state\": ", "Authorization", auth), 400, "not valid JSON");
        assertRefused(post("/thrimshim/" + id, "[1, 2]", "Authorization", auth), 400, "must be a JSON object");
        assertRefused(post("/thrimshim/" + id, "{} {}", "Authorization", auth), 400, "not valid JSON");
        ObjectNode wrongType = edit(id, "EDITED");
        ((ArrayNode) wrongType.get("video_ranges").get(0)).set(0, 12);
        assertRefused(post("/thrimshim/" + id, wrongType, "Authorization", auth), 400, "pairs of ISO-8601 UTC times");
        ObjectNode badTime = edit(id, "EDITED");
        ((ArrayNode) badTime.get("video_ranges").get(0)).set(0, "yesterday");
        assertRefused(post("/thrimshim/" + id, badTime, "Authorization", auth), 400, "ISO-8601");
        ObjectNode notPairs = edit(id, "EDITED");
        notPairs.put("video_ranges", "2026-11-17T10:00:30Z");
        assertRefused(post("/thrimshim/" + id, notPairs, "Authorization", auth), 400, "video_ranges must be a list");
        ObjectNode badTransition = edit(id, "EDITED");
        ((ArrayNode) badTransition.get("video_ranges")).addArray().add("2026-11-17T10:04:10Z").add("2026-11-17T10:04:20Z");
        badTransition.withArray("video_transitions").addArray().add("fade").add("1");
        assertRefused(post("/thrimshim/" + id, badTransition, "Authorization", auth), 400, "[type, seconds] pairs or nulls");
        ((ArrayNode) badTransition.get("video_transitions").get(0)).set(1, -1);
        assertRefused(post("/thrimshim/" + id, badTransition, "Authorization", auth), 400, "above zero seconds");
        ((ArrayNode) badTransition.get("video_transitions").get(0)).set(1, 10);
        assertRefused(post("/thrimshim/" + id, badTransition, "Authorization", auth), 400, "not shorter than both ranges");
        ((ArrayNode) badTransition.get("video_transitions").get(0)).set(0, "fade;rm -rf").set(1, 1);
        assertRefused(post("/thrimshim/" + id, badTransition, "Authorization", auth), 400, "not an xfade transition name");
        ObjectNode badMode = edit(id, "EDITED");
        badMode.put("thumbnail_mode", "PRETTY");
        assertRefused(post("/thrimshim/" + id, badMode, "Authorization", auth), 400, "thumbnail_mode must be one of");
        badMode.put("thumbnail_mode", "TEMPLATE");
        assertRefused(post("/thrimshim/" + id, badMode, "Authorization", auth), 400,
                "thumbnail_mode TEMPLATE needs thumbnail_template, thumbnail_crop, thumbnail_location");
        badMode.put("thumbnail_mode", "CUSTOM");
        badMode.put("thumbnail_image", java.util.Base64.getEncoder().encodeToString("GIF89a".getBytes()));
        assertRefused(post("/thrimshim/" + id, badMode, "Authorization", auth), 400, "thumbnail_image must be a PNG");
        badMode.put("thumbnail_image", "not base64!");
        assertRefused(post("/thrimshim/" + id, badMode, "Authorization", auth), 400, "valid base64");
        // in other modes thumbnail_image is the cutter's saved copy: what the body sends back is ignored
        badMode.put("thumbnail_mode", "BARE").remove("thumbnail_image");
        badMode.putArray("thumbnail_crop").add(1).add(2);
        assertRefused(post("/thrimshim/" + id, badMode, "Authorization", auth), 400, "thumbnail_crop must be four integers");
        ObjectNode tags = edit(id, "EDITED");
        tags.putArray("video_tags").add(1);
        assertRefused(post("/thrimshim/" + id, tags, "Authorization", auth), 400, "video_tags must be a list of strings");
        ObjectNode holes = edit(id, "EDITED");
        holes.put("allow_holes", "yes");
        assertRefused(post("/thrimshim/" + id, holes, "Authorization", auth), 400, "allow_holes must be true or false");
        ObjectNode nul = edit(id, "EDITED");
        nul.putArray("video_tags").add("a\u0000b");
        assertRefused(post("/thrimshim/" + id, nul, "Authorization", auth), 400, "video_tags must not contain NUL");
        assertRefused(post("/thrimshim/" + id, "{\"a\": " + "[".repeat(5000) + "]".repeat(5000) + "}",
                "Authorization", auth), 400, "not valid JSON");
        ObjectNode huge = edit(id, "EDITED");
        // a save may carry a custom thumbnail: 64 KB plus 2 MB in base64
        huge.put("video_description", "x".repeat(2_900_000));
        assertRefused(post("/thrimshim/" + id, huge, "Authorization", auth), 413, "the limit is 2861740");
        // beyond the server's own limit the HTTP layer refuses it before any code runs
        HttpResponse<String> enormous = post("/thrimshim/" + id, "{\"x\": \"" + "x".repeat(5_000_000) + "\"}",
                "Authorization", auth);
        assertThat(enormous.statusCode()).isEqualTo(413);
        assertThat(rows.get(id).get("state")).isEqualTo("UNEDITED");
    }

    @Test
    void unknownAndMalformedIdsAreNotFound() throws Exception {
        assertRefused(node.get("/thrimshim/" + UUID.randomUUID()), 404, "no event with id");
        assertRefused(node.get("/thrimshim/not-a-uuid"), 404, "no event with id not-a-uuid");
        assertRefused(node.get("/thrimshim/" + "x".repeat(300)), 404, "no event with id");
        String missing = UUID.randomUUID().toString();
        ObjectNode edit = edit(row(), "UNEDITED");
        assertRefused(post("/thrimshim/" + missing, edit, "Authorization", bearer()), 404, "no event with id " + missing);
        assertRefused(post("/thrimshim/reset/nope", "", "Authorization", bearer()), 404, "no event");
        assertRefused(post("/thrimshim/reset/" + missing, "", "Authorization", bearer()), 404, "no event");
        assertRefused(post("/thrimshim/manual-link/" + missing, Map.of("link", "https://example.org/v"),
                "Authorization", bearer()), 404, "no event");
    }

    @Test
    void publishedRowsCannotBeEdited() throws Exception {
        String id = row();
        rows.update("UPDATE events SET state = 'DONE', video_link = 'https://v.example/1', upload_time = now(),"
                + " editor = 'x', edit_time = now(), upload_location = 'youtube' WHERE id = ?", id);
        assertRefused(post("/thrimshim/" + id, edit(id, "EDITED"), "Authorization", bearer()), 403, "already DONE");
    }

    /** A row of {@link #row()} as the cutter leaves it once published. */
    String publishedRow() throws Exception {
        String id = row();
        rows.update("UPDATE events SET state = 'DONE', video_link = 'https://youtu.be/abcdefghijk', video_id = 'abcdefghijk',"
                + " upload_time = now(), editor = 'editor@example.org', edit_time = now(), upload_location = 'youtube',"
                + " uploader = 'node-a', error = 'an old error', video_ranges = ARRAY[ROW('2026-11-17 10:00:00',"
                + " '2026-11-17 10:01:00')::video_range], video_transitions = '{}', video_title = 'DB2026 - The bus',"
                + " video_description = 'It brok.', video_tags = '{bus}', video_channel = 'desertbus' WHERE id = ?", id);
        return id;
    }

    static ObjectNode fixture(String name) throws Exception {
        try (var in = EditorApiTest.class.getResourceAsStream("/editor/" + name)) {
            return (ObjectNode) JSON.readTree(in);
        }
    }

    @Test
    void wubloaderEditorSubmitIsAcceptedAndStoredAsWubloaderStoresIt() throws Exception {
        String id = row();
        ObjectNode body = fixture("wubloader-submit.json");
        body.put("token", tokens.token("editor@example.org")); // wubloader's page sends it in the body
        HttpResponse<String> r = post("/thrimshim/" + id, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        Map<String, String> stored = rows.get(id);
        assertThat(stored).containsEntry("state", "EDITED").containsEntry("public", "f")
                .containsEntry("video_transitions", "{\"(fade,1)\",NULL}").containsEntry("thumbnail_mode", "TEMPLATE")
                .containsEntry("thumbnail_template", "standard").containsEntry("thumbnail_crop", "{0,0,1920,1080}")
                .containsEntry("thumbnail_location", "{40,40,1000,600}")
                .containsEntry("thumbnail_time", "2026-11-17 10:02:30")
                .containsEntry("video_title", "DB2026 - The bus breaks down");
        assertThat(stored.get("video_ranges")).isEqualTo("{\"(\\\"2026-11-17 10:00:30.5\\\",\\\"2026-11-17 10:01:10\\\")\","
                + "\"(\\\"2026-11-17 10:02:00\\\",\\\"2026-11-17 10:02:40.25\\\")\","
                + "\"(\\\"2026-11-17 10:04:00\\\",\\\"2026-11-17 10:04:30\\\")\"}");
        // and the editor page sees what it sent
        JsonNode loaded = json(node.get("/thrimshim/" + id));
        assertThat(loaded.get("video_ranges").toString()).isEqualTo("[[\"2026-11-17T10:00:30.500000Z\","
                + "\"2026-11-17T10:01:10.000000Z\"],[\"2026-11-17T10:02:00.000000Z\",\"2026-11-17T10:02:40.250000Z\"],"
                + "[\"2026-11-17T10:04:00.000000Z\",\"2026-11-17T10:04:30.000000Z\"]]");
        assertThat(loaded.get("video_transitions").toString()).isEqualTo("[[\"fade\",1.0],null]");
        assertThat(loaded.get("thumbnail_crop").toString()).isEqualTo("[0,0,1920,1080]");
        assertThat(loaded.get("public").asBoolean()).isFalse();
    }

    @Test
    void wubloaderEditorDraftIsAccepted() throws Exception {
        String id = row();
        HttpResponse<String> r = post("/thrimshim/" + id, fixture("wubloader-draft.json"), "Authorization", bearer());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(rows.get(id)).containsEntry("state", "UNEDITED").containsEntry("thumbnail_mode", "BARE")
                .containsEntry("allow_holes", "t").containsEntry("uploader_whitelist", "{node-a}")
                .containsEntry("video_transitions", "{}");
        // submitting the same draft needs the frame BARE takes
        ObjectNode submit = fixture("wubloader-draft.json");
        submit.put("state", "EDITED");
        assertRefused(post("/thrimshim/" + id, submit, "Authorization", bearer()), 400,
                "thumbnail_mode BARE needs thumbnail_time");
    }

    @Test
    void wubloaderEditorChangesToAPublishedVideoMakeItModified() throws Exception {
        String id = publishedRow();
        Map<String, String> before = rows.get(id);
        ObjectNode body = fixture("wubloader-modify.json");
        // columns a published video cannot change are ignored, as thrimshim ignores them
        body.put("upload_location", "local");
        ((ArrayNode) body.get("video_ranges").get(0)).set(1, "2026-11-17T10:03:00");
        HttpResponse<String> r = post("/thrimshim/" + id, body, "Authorization", bearer());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        Map<String, String> after = rows.get(id);
        assertThat(after).containsEntry("state", "MODIFIED").containsEntry("error", null)
                .containsEntry("video_title", "DB2026 - The bus breaks down (fixed typo)")
                .containsEntry("video_description", "It broke. Now spelled right.\n\nUploaded by the {video} team.")
                .containsEntry("video_tags", "{bus,breakdown,fixed}").containsEntry("public", "f")
                .containsEntry("upload_location", "youtube").containsEntry("video_ranges", before.get("video_ranges"))
                .containsEntry("video_link", before.get("video_link")).containsEntry("uploader", "node-a");
        assertThat(after.get("last_modified")).isNotNull();

        // changed again before the updater ran: still MODIFIED, newer last_modified
        body.put("video_title", "The bus breaks down (fixed twice)");
        assertThat(post("/thrimshim/" + id, body, "Authorization", bearer()).statusCode()).isEqualTo(201);
        assertThat(rows.get(id).get("last_modified")).isGreaterThan(after.get("last_modified"));

        body.putNull("public");
        assertRefused(post("/thrimshim/" + id, body, "Authorization", bearer()), 400,
                "fields public must be set to change a published video");
        body.put("public", true);
        body.put("video_title", "<b>bold</b>");
        assertRefused(post("/thrimshim/" + id, body, "Authorization", bearer()), 400, "title may not contain < or >");
        // a reset forgets the modification
        assertThat(post("/thrimshim/reset/" + id + "?force=true", "", "Authorization", bearer()).statusCode())
                .isEqualTo(200);
        assertThat(rows.get(id)).containsEntry("state", "UNEDITED").containsEntry("last_modified", null);
    }

    @Test
    void onlyPublishedVideosCanBeModified() throws Exception {
        for (String state : new String[] {"UNEDITED", "EDITED", "CLAIMED"}) {
            String id = row();
            if (!state.equals("UNEDITED")) {
                assertThat(post("/thrimshim/" + id, edit(id, "EDITED"), "Authorization", bearer()).statusCode())
                        .isEqualTo(201);
                rows.update("UPDATE events SET state = ?::event_state, uploader = 'node-a' WHERE id = ?", state, id);
            }
            assertRefused(post("/thrimshim/" + id, edit(id, "MODIFIED"), "Authorization", bearer()), 403,
                    "the video is " + state + " and cannot be modified");
            assertThat(rows.get(id).get("state")).isEqualTo(state);
        }
        String id = row();
        rows.update("UPDATE events SET state = 'TRANSCODING', uploader = 'node-a', editor = 'x', edit_time = now(),"
                + " upload_location = 'youtube', video_ranges = ARRAY[ROW(now(), now())::video_range],"
                + " video_transitions = '{}', video_title = 't', video_description = 'd', video_tags = '{}',"
                + " video_channel = 'c' WHERE id = ?", id);
        assertRefused(post("/thrimshim/" + id, edit(id, "MODIFIED"), "Authorization", bearer()), 403,
                "the video is TRANSCODING and cannot be modified");
        // and a published video is not re-cut by an EDITED save
        String done = publishedRow();
        assertRefused(post("/thrimshim/" + done, edit(done, "EDITED"), "Authorization", bearer()), 403,
                "already DONE");
    }

    @Test
    void claimedRowsCanStillBeEditedAndLoseTheirClaim() throws Exception {
        String id = rows.insert("CLAIMED", "node-b", "DB2026 - old", "2026-11-17T10:00:00", "2026-11-17T10:01:00",
                "desertbus", "source", "youtube", false);
        ObjectNode edit = edit(id, "EDITED");
        assertThat(post("/thrimshim/" + id, edit, "Authorization", bearer()).statusCode()).isEqualTo(201);
        assertThat(rows.get(id)).containsEntry("state", "EDITED").containsEntry("uploader", null);
    }

    @Test
    void changedSheetColumnsAreAConflictUnlessOverridden() throws Exception {
        String id = row();
        ObjectNode edit = edit(id, "EDITED");
        // case and whitespace, and tag order, are not changes
        edit.put("category", " bus ");
        edit.putArray("tags").add("tag two").add("TAG ONE");
        rows.update("UPDATE events SET description = 'The bus breaks down again', event_end = ROW(FALSE, '2026-11-17 10:09:00')::end_time WHERE id = ?", id);
        HttpResponse<String> r = post("/thrimshim/" + id, edit, "Authorization", bearer());
        assertRefused(r, 409, "the schedule changed since you loaded this row");
        assertThat(r.body()).contains("description: 'The bus breaks down' => 'The bus breaks down again'")
                .contains("event_end: 2026-11-17T10:05:00.000000Z => 2026-11-17T10:09:00.000000Z")
                .doesNotContain("category").doesNotContain("tags");
        assertThat(rows.get(id).get("state")).isEqualTo("UNEDITED");

        edit.put("override_changes", true);
        assertThat(post("/thrimshim/" + id, edit, "Authorization", bearer()).statusCode()).isEqualTo(201);
        assertThat(rows.get(id).get("state")).isEqualTo("EDITED");
    }

    @Test
    void writesNeedAVerifiedEditor() throws Exception {
        String id = row();
        ObjectNode edit = edit(id, "EDITED");
        String path = "/thrimshim/" + id;
        assertRefused(post(path, edit), 401, "sign in first");
        assertRefused(post(path, edit, "Authorization", "Bearer "), 401, "sign in first");
        assertRefused(post(path, edit, "Authorization", "Bearer nonsense"), 403, "invalid ID token");
        assertRefused(post(path, edit, "Authorization", "Bearer " + tokens.stranger("editor@example.org")), 403,
                "invalid ID token");
        java.time.Instant hour = java.time.Instant.now().plusSeconds(3600);
        assertRefused(post(path, edit, "Authorization", "Bearer "
                + tokens.token("editor@example.org", TestIdTokens.ISSUER, "someone-else", hour)), 403, "aud claim");
        assertRefused(post(path, edit, "Authorization", "Bearer "
                + tokens.token("editor@example.org", "https://evil.test", TestIdTokens.AUDIENCE, hour)), 403, "issuer");
        assertRefused(post(path, edit, "Authorization", "Bearer " + tokens.token("editor@example.org",
                TestIdTokens.ISSUER, TestIdTokens.AUDIENCE, java.time.Instant.now().minusSeconds(600))), 403, "xpired");
        assertRefused(post(path, edit, "Authorization", "Bearer " + tokens.sign(TestIdTokens.claims("editor@example.org",
                TestIdTokens.ISSUER, TestIdTokens.AUDIENCE, hour).claim("email_verified", false).build())), 403,
                "not verified");
        assertRefused(post(path, edit, "Authorization", "Bearer " + tokens.token("intruder@example.org")), 403,
                "intruder@example.org is not an editor");
        assertRefused(post(path, edit, "Authorization", "Bearer " + tokens.token("artist@example.org")), 403,
                "artist@example.org is not an editor"); // a role, but not the editor role
        assertRefused(post("/thrimshim/reset/" + id, ""), 401, "sign in first");
        assertRefused(post("/thrimshim/manual-link/" + id, Map.of("link", "https://x.example/")), 401, "sign in first");
        assertThat(rows.get(id).get("state")).isEqualTo("UNEDITED");

        // wubloader's editor sends the token in the body; e-mail case does not matter
        edit.put("token", tokens.token("EDITOR@example.ORG"));
        assertThat(post(path, edit).statusCode()).isEqualTo(201);
        assertThat(rows.get(id)).containsEntry("state", "EDITED").containsEntry("editor", "editor@example.org");
        int fetches = tokens.keyFetches();
        assertThat(post(path, edit, "Authorization", bearer()).statusCode()).isEqualTo(201);
        assertThat(tokens.keyFetches()).as("the key set is cached").isEqualTo(fetches);
    }

    @Test
    void manualLinkMarksAnUneditedRowDone() throws Exception {
        String id = row();
        assertRefused(post("/thrimshim/manual-link/" + id, Map.of("link", "ftp://x"), "Authorization", bearer()), 400,
                "http(s) URL");
        assertRefused(post("/thrimshim/manual-link/" + id, Map.of("link", "https://example.org/v", "upload_location",
                "youtube-manual"), "Authorization", bearer()), 400, "youtube.com or youtu.be");
        assertRefused(post("/thrimshim/manual-link/" + id, Map.of("link", "https://example.org/v", "upload_location",
                "elsewhere"), "Authorization", bearer()), 400, "upload_location must be");
        assertRefused(post("/thrimshim/manual-link/" + id, Map.of(), "Authorization", bearer()), 400, "link is required");
        HttpResponse<String> r = post("/thrimshim/manual-link/" + id, Map.of("link",
                "https://youtu.be/abcdefghijk", "upload_location", "youtube-manual"), "Authorization", bearer());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(rows.get(id)).containsEntry("state", "DONE").containsEntry("video_link", "https://youtu.be/abcdefghijk")
                .containsEntry("video_id", "abcdefghijk").containsEntry("upload_location", "youtube-manual")
                .containsEntry("editor", "editor@example.org");
        assertRefused(post("/thrimshim/manual-link/" + id, Map.of("link", "https://example.org/v"), "Authorization",
                bearer()), 403, "needs an UNEDITED row; this one is DONE");
    }

    @Test
    void resetClearsProgressAndNeedsForceOncePublished() throws Exception {
        String id = row();
        assertThat(post("/thrimshim/" + id, edit(id, "EDITED"), "Authorization", bearer()).statusCode()).isEqualTo(201);
        assertRefused(post("/thrimshim/reset/" + id + "?force=maybe", "", "Authorization", bearer()), 400,
                "force must be true or false");
        assertThat(post("/thrimshim/reset/" + id, "", "Authorization", bearer()).statusCode()).isEqualTo(200);
        assertThat(rows.get(id)).containsEntry("state", "UNEDITED").containsEntry("editor", null);

        rows.update("UPDATE events SET state = 'DONE', video_link = 'https://v.example/1', upload_time = now(),"
                + " editor = 'x', edit_time = now(), upload_location = 'youtube', video_id = 'v1' WHERE id = ?", id);
        assertRefused(post("/thrimshim/reset/" + id, "", "Authorization", bearer()), 403, "?force=true");
        assertThat(rows.get(id).get("state")).isEqualTo("DONE");
        // the token may also come in a JSON body, as wubloader's editor sends it
        HttpResponse<String> forced = post("/thrimshim/reset/" + id + "?force=true",
                Map.of("token", tokens.token("editor@example.org")));
        assertThat(forced.statusCode()).as(forced.body()).isEqualTo(200);
        assertThat(rows.get(id)).containsEntry("state", "UNEDITED").containsEntry("video_link", null)
                .containsEntry("video_id", null).containsEntry("upload_time", null);
    }

    @Test
    void answersCarryCorsHeaders() throws Exception {
        HttpResponse<String> r = node.send("OPTIONS", "/thrimshim/" + UUID.randomUUID());
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
                h -> assertThat(h).contains("Authorization"));
        assertThat(node.get("/thrimshim/defaults").headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }

    @Test
    void thePageAndItsPlayerAreServedFromTheJar() throws Exception {
        HttpResponse<String> page = node.get("/editor/?id=" + UUID.randomUUID());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("<script src=\"hls.min.js\"></script>");
        HttpResponse<String> bare = node.get("/editor?id=abc");
        assertThat(bare.statusCode()).isEqualTo(301);
        assertThat(bare.headers().firstValue("Location")).hasValue("/editor/?id=abc");
        assertThat(node.get("/editor/editor.js").body()).contains("/thrimshim/defaults");
        assertThat(node.get("/editor/editor.css").headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        HttpResponse<String> hls = node.get("/editor/hls.min.js");
        assertThat(hls.statusCode()).isEqualTo(200);
        assertThat(hls.body().length()).isGreaterThan(100_000);
        assertRefused(node.get("/editor/missing.js"), 404, "no such editor file");
        // refused before routing (SPEC §4: dot segments, encoded or not, are 403 on every route)
        assertRefused(node.get("/editor/..%2Fschema.sql"), 403, "dot segments");
        assertRefused(node.get("/editor/Index.HTML"), 404, "no such editor file");
    }

    static void assertRefused(HttpResponse<String> r, int status, String reason) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        if (status != 413 || r.body().contains("limit")) {
            assertThat(r.body()).contains(reason);
            assertThat(r.body().strip()).as("one line").doesNotContain("\n");
        }
    }
}

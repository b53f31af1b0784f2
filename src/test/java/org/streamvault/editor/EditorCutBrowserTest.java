package org.streamvault.editor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;
import org.streamvault.testing.Await;
import org.streamvault.testing.CutChecker;
import org.streamvault.testing.TestNode;

/**
 * What an operator makes in the page, as the cutter makes it: ranges with a transition submitted
 * and cut into a video of the expected length; a published video's title and visibility fixed
 * through "Submit changes" and rewritten at the backend. A cutter node (local backend, sidecars
 * on) shares the editor node's database and store.
 */
class EditorCutBrowserTest extends BaseEditorPageTest {
    static Path uploads;
    static TestNode cutter;

    @BeforeAll
    static void startCutter() throws Exception {
        uploads = Files.createTempDirectory("editor-uploads");
        String locations = "{\"local\": {\"type\": \"local\", \"path\": \"" + uploads + "\", \"cut_type\": \"smart\","
                + " \"url_prefix\": \"https://clips.example/\"}}";
        cutter = TestNode.start(store, "streamvault.cutter.enabled", "true", "streamvault.db.url", testDb.url(),
                "streamvault.db.user", testDb.user(), "streamvault.node-name", "cutter-page",
                "streamvault.cutter.upload-locations", locations, "streamvault.cutter.poll-interval", "200",
                "streamvault.cutter.update-interval", "200", "streamvault.restreamer.enabled", "false");
    }

    @AfterAll
    static void stopCutter() {
        if (cutter != null) {
            cutter.close();
        }
    }

    /** The uploaded file of a row: the local backend names it "<title> [<id>].<ext>". */
    static Path uploaded(String id, String extension) throws Exception {
        try (Stream<Path> files = Files.list(uploads)) {
            return files.filter(p -> p.getFileName().toString().endsWith("[" + id + "]." + extension)).findFirst()
                    .orElseThrow();
        }
    }

    static void awaitState(String id, String state) throws Exception {
        Await.until(id + " " + state, Duration.ofSeconds(60), () -> state.equals(rows.get(id).get("state")));
    }

    @Test
    void threeMomentsJoinedByAFadeAndAHardCutAreSubmittedAndCutIntoOneVideo() throws Exception {
        String id = event("The bus does a loop");
        open(id, "UNEDITED");
        EditorRangesBrowserTest.typeRanges("2026-11-20T14:00:02Z", "2026-11-20T14:00:08Z", "2026-11-20T14:01:00Z",
                "2026-11-20T14:01:05Z", "2026-11-20T14:00:40Z", "2026-11-20T14:00:44Z");
        EditorRangesBrowserTest.transition(1, "fade", "1");
        assertThat(el("total-length").getText()).isEqualTo("0:00:14.000");
        type("video-title", "Loop the loop");
        new Select(el("upload-location")).selectByValue("local");
        el("submit").click();
        browser.waitUpTo(10).until(d -> el("message").getText().startsWith("Submitted"));
        assertThat(rows.get(id)).containsEntry("video_transitions", "{\"(fade,1)\",NULL}").containsEntry("video_ranges",
                "{\"(\\\"2026-11-20 14:00:02\\\",\\\"2026-11-20 14:00:08\\\")\","
                        + "\"(\\\"2026-11-20 14:01:00\\\",\\\"2026-11-20 14:01:05\\\")\","
                        + "\"(\\\"2026-11-20 14:00:40\\\",\\\"2026-11-20 14:00:44\\\")\"}");

        awaitState(id, "DONE");
        Map<String, String> row = rows.get(id);
        assertThat(row.get("error")).isNull();
        assertThat(row.get("video_link")).startsWith("https://clips.example/DB2026");
        // the fade overlaps the ranges it joins: 6 + 5 + 4 - 1 s, every frame once
        CutChecker.assertPlaysAsJoined(uploaded(id, "ts"), java.util.List.of(6.0, 5.0, 4.0),
                java.util.Arrays.asList(1.0, null));
    }

    @Test
    void aPublishedVideoIsChangedThroughThePageAndUpdatedAtTheBackend() throws Exception {
        String id = rows.insertEdited("DB2026 - Bus wash", "2026-11-20T14:00:20", "2026-11-20T14:00:26", "desertbus",
                "source", "local", false);
        awaitState(id, "DONE");
        Path sidecar = Path.of(uploaded(id, "ts").toString().replaceFirst("\\.ts$", ".json"));
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(sidecar.toFile()).path("title").asText()).isEqualTo("DB2026 - Bus wash");

        open(id, "DONE");
        // published: the cut stays as it is, only title, description, tags and visibility change
        assertThat(el("submit-changes").isDisplayed()).isTrue();
        assertThat(el("submit").isDisplayed()).isFalse();
        assertThat(el("save-draft").isDisplayed()).isFalse();
        assertThat(el("modify-hint").isDisplayed()).isTrue();
        assertThat(el("range-start-1").isEnabled()).isFalse();
        assertThat(el("set-end-1").isEnabled()).isFalse();
        assertThat(el("add-range").isEnabled()).isFalse();
        assertThat(el("upload-location").isEnabled()).isFalse();
        assertThat(el("allow-holes").isEnabled()).isFalse();
        assertThat(el("video-title").getDomProperty("value")).isEqualTo("Bus wash");
        assertThat(el("unlisted").isSelected()).isFalse();
        browser.screenshot("editor-published.png");

        type("video-title", "Bus wash, with foam");
        type("video-description", "The bus gets very clean.");
        el("unlisted").click();
        el("submit-changes").click();
        browser.waitUpTo(10).until(d -> el("message").getText()
                .equals("Changes submitted: the published video will be updated."));
        assertThat(el("state").getText()).as("the page shows the row as saved").isEqualTo("MODIFIED");

        // the cutter's updater rewrites the sidecar and the row is DONE again, error cleared
        awaitState(id, "DONE");
        Map<String, String> row = rows.get(id);
        assertThat(row).containsEntry("video_title", "DB2026 - Bus wash, with foam").containsEntry("public", "f")
                .containsEntry("error", null).containsEntry("video_ranges",
                        "{\"(\\\"2026-11-20 14:00:20\\\",\\\"2026-11-20 14:00:26\\\")\"}");
        assertThat(row.get("last_modified")).isNotNull();
        JsonNode meta = json.readTree(sidecar.toFile());
        assertThat(meta.path("title").asText()).isEqualTo("DB2026 - Bus wash, with foam");
        assertThat(meta.path("description").asText()).startsWith("The bus gets very clean.");
        assertThat(meta.path("public").asBoolean()).isFalse();
        assertThat(meta.path("file").asText()).isEqualTo(uploaded(id, "ts").getFileName().toString());
        // the page shows the row as it is now
        open(id, "DONE");
        assertThat(el("video-title").getDomProperty("value")).isEqualTo("Bus wash, with foam");
        assertThat(el("unlisted").isSelected()).isTrue();
    }
}

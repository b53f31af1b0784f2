package org.streamvault.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.Await;
import org.streamvault.testing.EventRows;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestDatabase;
import org.streamvault.testing.TestNode;

/**
 * End to end on one real node (editor and cutter): a clip is cut and published, an editor fixes
 * its title through {@code POST /thrimshim/{id}} (MODIFIED), and the node's updater rewrites the
 * local sidecar and brings the row back to DONE, the video file untouched.
 */
class ModifiedVideoRouteTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aPublishedVideoEditedInTheEditorIsUpdatedAndDoneAgain() throws Exception {
        Path store = dir.resolve("segments");
        new StoreBuilder(store, "desertbus", "source").addMedia(Timestamps.parseUtc("2026-11-20T14:00:00"), 3, "2.0");
        Path clips = dir.resolve("clips");
        try (TestDatabase db = TestDatabase.create()) {
            EventRows rows = new EventRows(db);
            String locations = "{\"local\": {\"type\": \"local\", \"path\": \"" + clips + "\", \"cut_type\": \"fast\"}}";
            try (TestNode node = TestNode.start(store, "streamvault.cutter.enabled", "true", "streamvault.editor.enabled",
                    "true", "streamvault.editor.auth.enabled", "false", "streamvault.restreamer.enabled", "false",
                    "streamvault.db.url", db.url(), "streamvault.db.user", db.user(),
                    "streamvault.cutter.upload-locations", locations, "streamvault.cutter.poll-interval", "200",
                    "streamvault.cutter.update-interval", "200", "streamvault.editor.upload-locations", "local")) {
                String id = rows.insertEdited("The brigde", "2026-11-20T14:00:01", "2026-11-20T14:00:05", "desertbus",
                        "source", "local", false);
                Await.until("row DONE", () -> "DONE".equals(rows.get(id).get("state")));
                Path video = only(clips, ".ts");
                byte[] bytes = Files.readAllBytes(video);

                // the editor page loads the published row and submits changes to it
                ObjectNode row = (ObjectNode) JSON.readTree(node.get("/thrimshim/" + id).body());
                row.put("state", "MODIFIED");
                row.put("video_title", "The bridge");
                row.put("video_description", "Spelled right now.");
                row.put("public", false);
                HttpResponse<String> saved = node.post("/thrimshim/" + id, JSON.writeValueAsString(row));
                assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
                assertThat(JSON.readTree(saved.body()).get("state").asText()).isIn("MODIFIED", "DONE");

                Await.until("sidecar rewritten and row DONE", () -> "DONE".equals(rows.get(id).get("state"))
                        && JSON.readTree(only(clips, ".json").toFile()).get("title").asText().equals("The bridge"));
                JsonNode sidecar = JSON.readTree(only(clips, ".json").toFile());
                assertThat(sidecar.get("description").asText()).isEqualTo("Spelled right now.");
                assertThat(sidecar.get("public").asBoolean()).isFalse();
                assertThat(rows.get(id)).containsEntry("error", null).containsEntry("video_title", "The bridge");
                assertThat(Files.readAllBytes(video)).isEqualTo(bytes);
                assertThat(node.get("/metrics").body())
                        .contains("streamvault_cutter_updates_total{location=\"local\",outcome=\"updated\"} 1.0");
            }
        }
    }

    static Path only(Path folder, String suffix) throws Exception {
        try (Stream<Path> all = Files.list(folder)) {
            return all.filter(p -> p.getFileName().toString().endsWith(suffix) && !p.getFileName().toString()
                    .startsWith(".")).findFirst().orElseThrow();
        }
    }
}

package org.streamvault.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.Await;
import org.streamvault.testing.EventRows;
import org.streamvault.testing.FakeYouTube;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestDatabase;
import org.streamvault.testing.TestMedia;
import org.streamvault.testing.TestNode;

/**
 * A node configured with a youtube upload location, end to end against the local fake of
 * YouTube's resumable upload and status APIs: EDITED → TRANSCODING → DONE.
 */
class CutterYouTubeTest {
    @TempDir
    Path dir;

    @Test
    void editedRowIsUploadedThenMarkedDoneOnceProcessed() throws Exception {
        Path store = dir.resolve("store");
        StoreBuilder s = new StoreBuilder(store, "desertbus", "source");
        s.addMedia(Timestamps.parseUtc("2026-11-20T14:00:00"), 4, "2.0");
        try (TestDatabase testDb = TestDatabase.create(); FakeYouTube youtube = new FakeYouTube()) {
            TestNode.initialise(testDb);
            Path credentials = youtube.writeCredentials(dir.resolve("credentials.json"));
            EventRows rows = new EventRows(testDb);
            String id = rows.insertEdited("To YouTube", "2026-11-20T14:00:01", "2026-11-20T14:00:07", "desertbus",
                    "source", "yt", false);
            TestNode node = startCutter(store, testDb, youtube, credentials);
            try {
                Await.until("TRANSCODING", () -> "TRANSCODING".equals(rows.get(id).get("state")));
                Map<String, String> row = rows.get(id);
                assertThat(youtube.videos()).hasSize(1);
                FakeYouTube.FakeVideo video = youtube.videos().values().iterator().next();
                assertThat(row.get("video_id")).isEqualTo(video.id());
                assertThat(row.get("video_link")).isEqualTo("https://youtu.be/" + video.id());
                assertThat(video.resource().path("snippet").path("title").asText()).isEqualTo("To YouTube");
                assertThat(video.resource().path("snippet").path("tags").toString()).contains("marathon", "clip");
                assertThat(video.resource().path("status").path("privacyStatus").asText()).isEqualTo("unlisted");
                // the uploaded bytes are a playable 6-second mp4
                Path uploaded = Files.write(dir.resolve("uploaded.mp4"), video.body());
                String probe = TestMedia.ffprobe("-show_entries", "format=duration", "-of", "default=nw=1",
                        uploaded.toString());
                assertThat(Double.parseDouble(probe.trim().replace("duration=", ""))).isBetween(5.9, 6.1);
                Thread.sleep(500);
                assertThat(rows.get(id).get("state")).isEqualTo("TRANSCODING");
                youtube.markProcessed(video.id());
                Await.until("DONE", () -> "DONE".equals(rows.get(id).get("state")));
                assertThat(rows.get(id).get("upload_time")).isNotNull();
            } finally {
                node.close();
            }
            assertThat(youtube.violations()).isEmpty();
        }
    }

    @Test
    void videoYouTubeGivesUpOnStaysTranscodingWithTheReasonShown() throws Exception {
        Path store = dir.resolve("store");
        new StoreBuilder(store, "desertbus", "source").addMedia(Timestamps.parseUtc("2026-11-20T14:00:00"), 2, "2.0");
        try (TestDatabase testDb = TestDatabase.create(); FakeYouTube youtube = new FakeYouTube()) {
            TestNode.initialise(testDb);
            Path credentials = youtube.writeCredentials(dir.resolve("credentials.json"));
            EventRows rows = new EventRows(testDb);
            String id = rows.insertEdited("Rejected", "2026-11-20T14:00:01", "2026-11-20T14:00:03", "desertbus",
                    "source", "yt", false);
            try (TestNode node = startCutter(store, testDb, youtube, credentials)) {
                Await.until("TRANSCODING", () -> "TRANSCODING".equals(rows.get(id).get("state")));
                String videoId = rows.get(id).get("video_id");
                youtube.markFailed(videoId, "rejected", "duplicate");
                Await.until("the error on the row", () -> rows.get(id).get("error") != null);
                assertThat(rows.get(id).get("error")).contains("upload status rejected (duplicate)");
                Thread.sleep(500);
                // not uploaded again, not DONE: an operator decides
                assertThat(rows.get(id).get("state")).isEqualTo("TRANSCODING");
                assertThat(youtube.videos()).hasSize(1);
                assertThat(node.get("/metrics").body())
                        .contains("streamvault_cutter_transcode_failures_total{location=\"yt\"} 1.0");
            }
            assertThat(youtube.violations()).isEmpty();
        }
    }

    private static TestNode startCutter(Path store, TestDatabase testDb, FakeYouTube youtube, Path credentials)
            throws Exception {
        String locations = "{\"yt\": {\"type\": \"youtube\", \"cut_type\": \"full\", \"format\": \"mp4\","
                + " \"hidden\": true, \"api_root_url\": \"" + youtube.rootUrl() + "\", \"token_url\": \""
                + youtube.tokenUrl() + "\"}}";
        return TestNode.start(store, "streamvault.cutter.enabled", "true", "streamvault.db.url",
                testDb.url(), "streamvault.db.user", testDb.user(), "streamvault.node-name", "yt-node",
                "streamvault.cutter.upload-locations", locations, "streamvault.cutter.credentials-file",
                credentials.toString(), "streamvault.cutter.poll-interval", "200",
                "streamvault.cutter.transcode-check-interval", "200", "streamvault.cutter.static-tags", "marathon");
    }
}

package org.streamvault.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.cut.CutSettings;
import org.streamvault.cut.CutType;
import org.streamvault.cut.Cutter;
import org.streamvault.db.Database;
import org.streamvault.segments.SegmentStore;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.EventRows;
import org.streamvault.testing.FakeYouTube;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestDatabase;
import org.streamvault.upload.UploadBackend;
import org.streamvault.upload.UploadException;
import org.streamvault.upload.UploadLocation;
import org.streamvault.upload.UploadRequest;
import org.streamvault.upload.VideoUpdate;
import org.streamvault.upload.local.LocalBackend;
import org.streamvault.upload.youtube.YouTubeBackend;

/**
 * The updater (SPEC §6): a MODIFIED row's title, description, tags and visibility reach its
 * backend (the local sidecar, YouTube through the fake) and the row is DONE again; failures stay
 * on the row; the final UPDATE is guarded by last_modified. Real database, segments and ffmpeg.
 */
class CutterUpdaterTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static TestDatabase testDb;
    static Database db;
    static EventRows rows;
    static Path storeDir;

    @TempDir
    Path uploads;
    JobStore jobs;
    FakeYouTube youtube;

    @BeforeAll
    static void setUp() throws Exception {
        testDb = TestDatabase.create();
        db = new Database(testDb.url(), testDb.user(), "", 4);
        db.ensureSchema();
        rows = new EventRows(testDb);
        storeDir = Files.createTempDirectory("updater-store");
        new StoreBuilder(storeDir, "desertbus", "source").addMedia(Timestamps.parseUtc("2026-11-20T14:00:00"), 3, "2.0");
    }

    @AfterAll
    static void tearDown() throws Exception {
        db.close();
        testDb.close();
    }

    @BeforeEach
    void clean() throws Exception {
        rows.update("DELETE FROM events");
        jobs = new JobStore(db, "updater-1");
    }

    @AfterEach
    void stopFake() {
        if (youtube != null) {
            youtube.close();
            assertThat(youtube.violations()).isEmpty();
        }
    }

    CutterWorker worker(UploadBackend backend) {
        return new CutterWorker(jobs, new SegmentStore(storeDir), new Cutter(CutSettings.defaults()),
                Map.of("local", new UploadLocation("local", CutType.FAST, null, backend)), List.of("marathon"),
                new Random(1));
    }

    Job job(String id) throws Exception {
        return db.query(c -> {
            try (var ps = c.prepareStatement("SELECT " + JobStore.JOB_COLUMNS + " FROM events WHERE id = ?")) {
                ps.setString(1, id);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    Map<String, Object> row = new java.util.HashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    return JobStore.toJob(row);
                }
            }
        });
    }

    /** A clip cut and uploaded by the cutter, then DONE. */
    String published(UploadBackend backend) throws Exception {
        String id = rows.insertEdited("Day 3 | The brigde", "2026-11-20T14:00:01", "2026-11-20T14:00:05", "desertbus",
                "source", "local", false);
        assertThat(worker(backend).workThrough(List.of(job(id)))).isEqualTo(CutterWorker.Outcome.DONE);
        return id;
    }

    /** What the editor's MODIFIED save does (EventStore.modify). */
    static void modify(String id, String title) throws Exception {
        rows.update("UPDATE events SET state = 'MODIFIED', error = NULL, last_modified = clock_timestamp(),"
                + " video_title = ?, video_description = 'Fixed.', video_tags = '{bus,bridge}', public = FALSE"
                + " WHERE id = ?", title, id);
    }

    Path file(String suffix) throws Exception {
        try (Stream<Path> all = Files.list(uploads)) {
            return all.filter(p -> p.toString().endsWith(suffix)).findFirst().orElseThrow();
        }
    }

    @Test
    void localSidecarIsRewrittenAndTheVideoKept() throws Exception {
        LocalBackend local = new LocalBackend(uploads, "", true);
        String id = published(local);
        Path video = file(".ts");
        byte[] bytes = Files.readAllBytes(video);
        modify(id, "Day 3 | The bridge");
        assertThat(worker(local).updateModified()).containsExactly(ModifiedRowUpdater.Outcome.UPDATED);
        Map<String, String> row = rows.get(id);
        assertThat(row).containsEntry("state", "DONE").containsEntry("error", null);
        JsonNode sidecar = JSON.readTree(file(".json").toFile());
        assertThat(sidecar.get("title").asText()).isEqualTo("Day 3 | The bridge");
        assertThat(sidecar.get("description").asText()).isEqualTo("Fixed.");
        assertThat(sidecar.get("tags").toString()).isEqualTo("[\"bus\",\"bridge\",\"marathon\"]");
        assertThat(sidecar.get("public").asBoolean()).isFalse();
        assertThat(sidecar.get("file").asText()).isEqualTo(video.getFileName().toString());
        assertThat(Files.readAllBytes(video)).isEqualTo(bytes);
        try (Stream<Path> all = Files.list(uploads)) {
            assertThat(all.count()).as("no leftover temp file").isEqualTo(2);
        }
        assertThat(worker(local).updateModified()).as("nothing left to do").isEmpty();
    }

    @Test
    void anEditDuringTheUpdateIsNotOverwrittenAndGoesNext() throws Exception {
        LocalBackend local = new LocalBackend(uploads, "", true);
        String id = published(local);
        modify(id, "first fix");
        UploadBackend editedMeanwhile = new UploadBackend() {
            @Override
            public org.streamvault.upload.UploadResult upload(UploadRequest r, org.streamvault.upload.VideoSource v,
                    Finalizer f) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void update(VideoUpdate update) throws UploadException {
                local.update(update);
                try {
                    modify(id, "second fix"); // the editor saves again while the backend is busy
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        assertThat(worker(editedMeanwhile).updateModified()).containsExactly(ModifiedRowUpdater.Outcome.SUPERSEDED);
        assertThat(rows.get(id)).containsEntry("state", "MODIFIED").containsEntry("video_title", "second fix");
        assertThat(worker(local).updateModified()).containsExactly(ModifiedRowUpdater.Outcome.UPDATED);
        assertThat(JSON.readTree(file(".json").toFile()).get("title").asText()).isEqualTo("second fix");
        assertThat(rows.get(id).get("state")).isEqualTo("DONE");
    }

    @Test
    void aResetDuringTheUpdateIsLeftAlone() throws Exception {
        LocalBackend local = new LocalBackend(uploads, "", true);
        String id = published(local);
        modify(id, "fix");
        UploadBackend resetMeanwhile = new UploadBackend() {
            @Override
            public org.streamvault.upload.UploadResult upload(UploadRequest r, org.streamvault.upload.VideoSource v,
                    Finalizer f) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void update(VideoUpdate update) throws UploadException {
                try {
                    rows.update("UPDATE events SET state = 'UNEDITED', video_link = NULL, upload_time = NULL,"
                            + " last_modified = NULL WHERE id = ?", id);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                throw new UploadException(UploadException.Kind.RETRYABLE, "disk busy");
            }
        };
        assertThat(worker(resetMeanwhile).updateModified()).containsExactly(ModifiedRowUpdater.Outcome.SUPERSEDED);
        assertThat(rows.get(id)).containsEntry("state", "UNEDITED").containsEntry("error", null);
    }

    @Test
    void failuresStayOnTheRowAndOnlyRetryableOnesAreRetried() throws Exception {
        LocalBackend local = new LocalBackend(uploads, "", true);
        String id = published(local);
        modify(id, "fix");
        AtomicReference<UploadException.Kind> failing = new AtomicReference<>(UploadException.Kind.RETRYABLE);
        UploadBackend flaky = new UploadBackend() {
            @Override
            public org.streamvault.upload.UploadResult upload(UploadRequest r, org.streamvault.upload.VideoSource v,
                    Finalizer f) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void update(VideoUpdate update) throws UploadException {
                if (failing.get() != null) {
                    throw new UploadException(failing.get(), "the backend said no");
                }
                local.update(update);
            }
        };
        assertThat(worker(flaky).updateModified()).containsExactly(ModifiedRowUpdater.Outcome.RETRY);
        assertThat(rows.get(id)).containsEntry("state", "MODIFIED")
                .containsEntry("error", "Updating the video failed, will retry: the backend said no");
        failing.set(UploadException.Kind.NON_RETRYABLE);
        assertThat(worker(flaky).updateModified()).containsExactly(ModifiedRowUpdater.Outcome.FAILED);
        assertThat(rows.get(id)).containsEntry("state", "MODIFIED")
                .containsEntry("error", "Updating the video failed: the backend said no");
        failing.set(null);
        assertThat(worker(flaky).updateModified()).as("refused for good: waits for an editor").isEmpty();
        modify(id, "fix, again"); // a new save clears the error
        assertThat(worker(flaky).updateModified()).containsExactly(ModifiedRowUpdater.Outcome.UPDATED);
        assertThat(rows.get(id)).containsEntry("state", "DONE").containsEntry("error", null);
    }

    @Test
    void theLocalBackendRefusesAVideoThatIsGoneOrNotItsOwn() throws Exception {
        LocalBackend local = new LocalBackend(uploads, "", true);
        String id = published(local);
        modify(id, "fix");
        rows.update("UPDATE events SET video_id = '../../etc/passwd' WHERE id = ?", id);
        assertThat(worker(local).updateModified()).containsExactly(ModifiedRowUpdater.Outcome.FAILED);
        assertThat(rows.get(id).get("error")).contains("is not a video file of this location");
        Files.delete(file(".ts"));
        rows.update("UPDATE events SET video_id = NULL WHERE id = ?", id);
        modify(id, "fix 2");
        assertThat(worker(local).updateModified()).containsExactly(ModifiedRowUpdater.Outcome.FAILED);
        assertThat(rows.get(id).get("error")).contains("names no video");
    }

    @Test
    void aYouTubeVideoIsUpdatedThroughTheApi() throws Exception {
        youtube = new FakeYouTube();
        Path credentials = youtube.writeCredentials(uploads.resolve("yt-credentials.json"));
        YouTubeBackend yt = YouTubeBackend.fromSettings("local", JSON.createObjectNode().put("type", "youtube")
                .put("api_root_url", youtube.rootUrl()).put("token_url", youtube.tokenUrl()), credentials);
        String videoId = yt.upload(new UploadRequest("ev-x", "Day 3 | The brigde", "d", List.of("bus"), true,
                "video/MP2T", "ts"), () -> new ByteArrayInputStream(new byte[100]), () -> {
                }).videoId();
        String id = rows.insertEdited("Day 3 | The brigde", "2026-11-20T14:00:01", "2026-11-20T14:00:05", "desertbus",
                "source", "local", false);
        rows.update("UPDATE events SET state = 'DONE', video_id = ?, video_link = ?, upload_time = now() WHERE id = ?",
                videoId, "https://youtu.be/" + videoId, id);
        youtube.ownerSets(videoId, "status", "embeddable", false);
        modify(id, "Day 3 | The bridge");
        youtube.failUpdate(500, "backendError");
        assertThat(worker(yt).updateModified()).containsExactly(ModifiedRowUpdater.Outcome.RETRY);
        assertThat(rows.get(id).get("error")).startsWith("Updating the video failed, will retry: YouTube refused");
        youtube.acceptUpdates();
        assertThat(worker(yt).updateModified()).containsExactly(ModifiedRowUpdater.Outcome.UPDATED);
        JsonNode v = youtube.videos().get(videoId).resource();
        assertThat(v.at("/snippet/title").asText()).isEqualTo("Day 3 | The bridge");
        assertThat(v.at("/snippet/tags").toString()).isEqualTo("[\"bus\",\"bridge\",\"marathon\"]");
        assertThat(v.at("/status/privacyStatus").asText()).isEqualTo("unlisted");
        assertThat(v.at("/status/embeddable").asBoolean(true)).isFalse();
        assertThat(rows.get(id)).containsEntry("state", "DONE").containsEntry("error", null);
    }
}

package org.streamvault.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
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
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestDatabase;
import org.streamvault.testing.TestMedia;
import org.streamvault.upload.TranscodeCheck;
import org.streamvault.upload.UploadBackend;
import org.streamvault.upload.UploadException;
import org.streamvault.upload.UploadLocation;
import org.streamvault.upload.UploadResult;
import org.streamvault.upload.local.LocalBackend;

/**
 * The worker's races and failure paths, driven directly (no timer) against a real database,
 * real segments and real ffmpeg.
 */
class CutterWorkerTest {
    static TestDatabase testDb;
    static Database db;
    static EventRows rows;
    static Path storeDir;

    @TempDir
    Path uploads;

    JobStore jobs;

    @BeforeAll
    static void setUp() throws Exception {
        testDb = TestDatabase.create();
        db = new Database(testDb.url(), testDb.user(), "", 4);
        db.ensureSchema();
        rows = new EventRows(testDb);
        storeDir = Files.createTempDirectory("worker-store");
        StoreBuilder s = new StoreBuilder(storeDir, "desertbus", "source");
        s.addMedia(Timestamps.parseUtc("2026-11-20T14:00:00"), 6, "2.0");
    }

    @AfterAll
    static void tearDown() throws Exception {
        db.close();
        testDb.close();
    }

    @BeforeEach
    void clean() throws Exception {
        rows.update("DELETE FROM events");
        jobs = new JobStore(db, "worker-1");
    }

    CutterWorker worker(UploadBackend backend) {
        UploadLocation location = new UploadLocation("local", CutType.FAST, null, backend);
        return new CutterWorker(jobs, new SegmentStore(storeDir), new Cutter(CutSettings.defaults()),
                Map.of("local", location), List.of(), new Random(1));
    }

    Job job(String id) throws Exception {
        return db.query(c -> {
            try (var ps = c.prepareStatement("SELECT " + JobStore.JOB_COLUMNS + " FROM events WHERE id = ?")) {
                ps.setObject(1, id);
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

    List<String> files() throws Exception {
        try (Stream<Path> all = Files.list(uploads)) {
            return all.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void editChangedBetweenCandidateCheckAndClaimLosesTheClaim() throws Exception {
        String stale = rows.insertEdited("before", "2026-11-20T14:00:01", "2026-11-20T14:00:03", "desertbus", "source",
                "local", false);
        String fresh = rows.insertEdited("other", "2026-11-20T14:00:01", "2026-11-20T14:00:03", "desertbus", "source",
                "local", false);
        Job staleJob = job(stale);
        rows.update("UPDATE events SET video_title = 'after' WHERE id = ?", stale);
        assertThat(jobs.claim(staleJob)).isFalse();
        assertThat(rows.get(stale).get("state")).isEqualTo("EDITED");
        // the worker goes on to the next candidate
        CutterWorker.Outcome outcome = worker(new LocalBackend(uploads, "", false)).workThrough(List.of(staleJob));
        assertThat(outcome).isNull();
        assertThat(worker(new LocalBackend(uploads, "", false)).workThrough(List.of(staleJob, job(fresh))))
                .isEqualTo(CutterWorker.Outcome.DONE);
        assertThat(rows.get(fresh).get("state")).isEqualTo("DONE");
        assertThat(rows.get(stale).get("state")).isEqualTo("EDITED");
    }

    @Test
    void rowResetWhileCuttingIsCancelledQuietlyAndLeavesNoFile() throws Exception {
        String id = rows.insertEdited("reset me", "2026-11-20T14:00:01", "2026-11-20T14:00:05", "desertbus", "source",
                "local", false);
        LocalBackend local = new LocalBackend(uploads, "", true);
        UploadBackend resetDuringCut = (request, video, finalizer) -> {
            try {
                // an editor resets the row while its video is being cut
                rows.update("UPDATE events SET state = 'UNEDITED', uploader = NULL WHERE id = ?", id);
            } catch (java.sql.SQLException e) {
                throw new UploadException(UploadException.Kind.RETRYABLE, e.getMessage(), e);
            }
            return local.upload(request, video, finalizer);
        };
        assertThat(worker(resetDuringCut).workThrough(List.of(job(id)))).isEqualTo(CutterWorker.Outcome.CANCELLED);
        assertThat(rows.get(id).get("state")).isEqualTo("UNEDITED");
        assertThat(rows.get(id).get("error")).isNull();
        assertThat(files()).isEmpty();
    }

    @Test
    void rowEditedWhileClaimedGoesBackToTheQueueWithItsNewInputs() throws Exception {
        String id = rows.insertEdited("first title", "2026-11-20T14:00:01", "2026-11-20T14:00:05", "desertbus", "source",
                "local", false);
        LocalBackend local = new LocalBackend(uploads, "", false);
        UploadBackend editDuringCut = (request, video, finalizer) -> {
            try {
                rows.update("UPDATE events SET video_title = 'second title' WHERE id = ?", id);
            } catch (java.sql.SQLException e) {
                throw new UploadException(UploadException.Kind.RETRYABLE, e.getMessage(), e);
            }
            return local.upload(request, video, finalizer);
        };
        assertThat(worker(editDuringCut).workThrough(List.of(job(id)))).isEqualTo(CutterWorker.Outcome.CANCELLED);
        assertThat(rows.get(id).get("state")).isEqualTo("EDITED");
        assertThat(worker(local).workThrough(List.of(job(id)))).isEqualTo(CutterWorker.Outcome.DONE);
        assertThat(files()).containsExactly("second title [" + id + "].ts");
    }

    @Test
    void retryableUploadFailureReturnsTheRowToEdited() throws Exception {
        String id = rows.insertEdited("flaky", "2026-11-20T14:00:01", "2026-11-20T14:00:03", "desertbus", "source",
                "local", false);
        UploadBackend flaky = (request, video, finalizer) -> {
            throw new UploadException(UploadException.Kind.RETRYABLE, "503 from the backend");
        };
        assertThat(worker(flaky).workThrough(List.of(job(id)))).isEqualTo(CutterWorker.Outcome.RETRY);
        Map<String, String> row = rows.get(id);
        assertThat(row.get("state")).isEqualTo("EDITED");
        assertThat(row.get("uploader")).isNull();
        assertThat(row.get("error")).contains("503 from the backend");
    }

    @Test
    void nonRetryableUploadFailureSendsTheRowBackToTheEditor() throws Exception {
        String id = rows.insertEdited("refused", "2026-11-20T14:00:01", "2026-11-20T14:00:03", "desertbus", "source",
                "local", false);
        UploadBackend refusing = (request, video, finalizer) -> {
            throw new UploadException(UploadException.Kind.NON_RETRYABLE, "400: title too long");
        };
        assertThat(worker(refusing).workThrough(List.of(job(id)))).isEqualTo(CutterWorker.Outcome.REJECTED);
        assertThat(rows.get(id).get("state")).isEqualTo("UNEDITED");
        assertThat(rows.get(id).get("error")).contains("title too long");
    }

    @Test
    void failureAfterFinalizingStaysFinalizingForAnOperator() throws Exception {
        String id = rows.insertEdited("lost answer", "2026-11-20T14:00:01", "2026-11-20T14:00:03", "desertbus", "source",
                "local", false);
        UploadBackend unknown = (request, video, finalizer) -> {
            try (var in = video.open()) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (java.io.IOException e) {
                throw new UploadException(UploadException.Kind.RETRYABLE, e.getMessage(), e);
            }
            try {
                finalizer.finalizeNow();
            } catch (org.streamvault.upload.UploadCancelledException e) {
                throw new UploadException(UploadException.Kind.NON_RETRYABLE, "cancelled", e);
            }
            throw new UploadException(UploadException.Kind.UNKNOWN_OUTCOME, "connection reset after the last byte");
        };
        assertThat(worker(unknown).workThrough(List.of(job(id)))).isEqualTo(CutterWorker.Outcome.UNKNOWN);
        Map<String, String> row = rows.get(id);
        assertThat(row.get("state")).isEqualTo("FINALIZING");
        assertThat(row.get("error")).contains("may or may not exist").contains("connection reset");
    }

    @Test
    void failedCutSendsTheRowBackToTheEditorWithFfmpegsReason() throws Exception {
        String id = rows.insertEdited("broken video", "2026-11-20T14:00:01", "2026-11-20T14:00:03", "desertbus", "source",
                "local", false);
        Path dir = Files.createTempDirectory("broken-store");
        long t0 = Timestamps.parseUtc("2026-11-20T14:00:00");
        new StoreBuilder(dir, "desertbus", "source").addBytes(t0, "4.0", org.streamvault.segments.SegmentType.FULL,
                "this is not video".getBytes());
        UploadLocation location = new UploadLocation("local", CutType.FAST, null, new LocalBackend(uploads, "", false));
        CutterWorker w = new CutterWorker(jobs, new SegmentStore(dir), new Cutter(CutSettings.defaults()),
                Map.of("local", location), List.of(), new Random(1));
        assertThat(w.workThrough(List.of(job(id)))).isEqualTo(CutterWorker.Outcome.REJECTED);
        assertThat(rows.get(id).get("state")).isEqualTo("UNEDITED");
        assertThat(rows.get(id).get("error")).startsWith("Cut failed");
        assertThat(files()).isEmpty();
    }

    @Test
    void transcodingRowsBecomeDoneWhenTheBackendSaysSo() throws Exception {
        String id = rows.insertEdited("slow to process", "2026-11-20T14:00:01", "2026-11-20T14:00:03", "desertbus",
                "source", "local", false);
        java.util.Set<String> processed = new java.util.HashSet<>();
        Map<String, String> failed = new java.util.HashMap<>();
        UploadBackend processing = new UploadBackend() {
            @Override
            public UploadResult upload(org.streamvault.upload.UploadRequest request,
                    org.streamvault.upload.VideoSource video, Finalizer finalizer) throws UploadException {
                try {
                    finalizer.finalizeNow();
                } catch (org.streamvault.upload.UploadCancelledException e) {
                    throw new UploadException(UploadException.Kind.NON_RETRYABLE, "cancelled", e);
                }
                return new UploadResult("vid-1", "https://video.example/vid-1", true);
            }

            @Override
            public boolean needsTranscodeCheck() {
                return true;
            }

            @Override
            public TranscodeCheck checkTranscoding(java.util.Collection<String> ids) {
                return new TranscodeCheck(
                        ids.stream().filter(processed::contains).collect(java.util.stream.Collectors.toSet()),
                        ids.stream().filter(failed::containsKey)
                                .collect(java.util.stream.Collectors.toMap(i -> i, failed::get)));
            }
        };
        CutterWorker w = worker(processing);
        assertThat(w.workThrough(List.of(job(id)))).isEqualTo(CutterWorker.Outcome.TRANSCODING);
        assertThat(rows.get(id).get("state")).isEqualTo("TRANSCODING");
        assertThat(w.checkTranscoding()).isZero();
        assertThat(rows.get(id).get("error")).isNull();

        // YouTube not knowing the video yet: the row says so and keeps waiting
        failed.put("vid-1", "the backend does not know vid-1");
        assertThat(w.checkTranscoding()).isZero();
        assertThat(rows.get(id)).containsEntry("state", "TRANSCODING").containsEntry("error", "the backend does not know vid-1");
        failed.clear();
        processed.add("vid-1");
        assertThat(w.checkTranscoding()).isEqualTo(1);
        Map<String, String> row = rows.get(id);
        assertThat(row.get("state")).isEqualTo("DONE");
        assertThat(row.get("video_link")).isEqualTo("https://video.example/vid-1");
        assertThat(row.get("upload_time")).isNotNull();
        assertThat(row.get("error")).as("the earlier check's error is cleared").isNull();
    }
}

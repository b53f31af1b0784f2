package org.streamvault.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
import org.streamvault.testing.CutChecker;
import org.streamvault.testing.EventRows;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestDatabase;
import org.streamvault.upload.UploadLocation;
import org.streamvault.upload.local.LocalBackend;

/**
 * Rows of several ranges (SPEC §6, wubloader's video_ranges/video_transitions): cut back to back,
 * holes checked in every range, the claim guarded by both arrays, and rows no cutter could cut
 * reported on the row. Real database, real segments (a hole from 14:00:08 to 14:00:12), real ffmpeg.
 */
class CutterRangesTest {
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
        storeDir = Files.createTempDirectory("ranges-store");
        StoreBuilder s = new StoreBuilder(storeDir, "desertbus", "source");
        s.addMedia(Timestamps.parseUtc("2026-11-20T14:00:00"), 4, "2.0");
        s.addMedia(Timestamps.parseUtc("2026-11-20T14:00:12"), 4, "2.0");
    }

    @AfterAll
    static void tearDown() throws Exception {
        db.close();
        testDb.close();
    }

    @BeforeEach
    void clean() throws Exception {
        rows.update("DELETE FROM events");
        jobs = new JobStore(db, "worker-r");
    }

    CutterWorker worker() {
        return worker(CutType.FAST);
    }

    CutterWorker worker(CutType type) {
        UploadLocation location = new UploadLocation("local", type, null, new LocalBackend(uploads, "", true));
        return new CutterWorker(jobs, new SegmentStore(storeDir), new Cutter(CutSettings.defaults()),
                Map.of("local", location), List.of(), new Random(1));
    }

    String insert(String title, List<String> transitions, String... startsAndEnds) throws Exception {
        return rows.insertRanges("EDITED", null, title, Arrays.asList(startsAndEnds), transitions, "desertbus", "source",
                "local", false);
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

    Path video() throws Exception {
        try (Stream<Path> all = Files.list(uploads)) {
            return all.filter(p -> p.toString().endsWith(".ts")).findFirst().orElseThrow();
        }
    }

    @Test
    void theJobCarriesTheRangesAndTransitionsAsStored() throws Exception {
        String id = insert("three", Arrays.asList("fade,0.5", null), "2026-11-20T14:00:01", "2026-11-20T14:00:03.25",
                "2026-11-20T14:00:13", "2026-11-20T14:00:15", "2026-11-20T14:00:04", "2026-11-20T14:00:06");
        Job job = job(id);
        assertThat(job.ranges()).containsExactly(
                new VideoRange(Timestamps.parseUtc("2026-11-20T14:00:01"), Timestamps.parseUtc("2026-11-20T14:00:03.25")),
                new VideoRange(Timestamps.parseUtc("2026-11-20T14:00:13"), Timestamps.parseUtc("2026-11-20T14:00:15")),
                new VideoRange(Timestamps.parseUtc("2026-11-20T14:00:04"), Timestamps.parseUtc("2026-11-20T14:00:06")));
        assertThat(job.transitions()).containsExactly(new VideoTransition("fade", 0.5), null);
        assertThat(job.rangeProblem()).isNull();
        assertThat(job.videoMicros()).isEqualTo(5_750_000L);
    }

    @Test
    void rangesAreCutBackToBackIntoOneVideo() throws Exception {
        // out of time order on purpose: the video follows the list, not the clock
        String id = insert("two ranges", Arrays.asList((String) null), "2026-11-20T14:00:13", "2026-11-20T14:00:17",
                "2026-11-20T14:00:01", "2026-11-20T14:00:04");
        assertThat(worker().workThrough(List.of(job(id)))).isEqualTo(CutterWorker.Outcome.DONE);
        assertThat(rows.get(id).get("state")).isEqualTo("DONE");
        CutChecker.assertPlaysAs(video(), 7.0);
    }

    @Test
    void holesAreCheckedInEveryRange() throws Exception {
        String id = insert("second range over the hole", Arrays.asList((String) null), "2026-11-20T14:00:01",
                "2026-11-20T14:00:03", "2026-11-20T14:00:07", "2026-11-20T14:00:13");
        assertThat(worker().workThrough(List.of(job(id)))).isNull();
        Map<String, String> row = rows.get(id);
        assertThat(row.get("state")).isEqualTo("EDITED");
        assertThat(row.get("error")).startsWith("Video contains holes (range 2 of 2)").contains("worker-r");
        // allowed holes: cut anyway, the hole skipped
        rows.update("UPDATE events SET allow_holes = TRUE, error = NULL WHERE id = ?", id);
        assertThat(worker().workThrough(List.of(job(id)))).isEqualTo(CutterWorker.Outcome.DONE);
    }

    @Test
    void theClaimComparesBothArrays() throws Exception {
        String id = insert("guarded", Arrays.asList("fade,0.5"), "2026-11-20T14:00:01", "2026-11-20T14:00:03",
                "2026-11-20T14:00:04", "2026-11-20T14:00:06");
        Job read = job(id);
        rows.update("UPDATE events SET video_ranges[2] = ROW('2026-11-20 14:00:04', '2026-11-20 14:00:07')::video_range"
                + " WHERE id = ?", id);
        assertThat(jobs.claim(read)).isFalse();
        read = job(id);
        rows.update("UPDATE events SET video_transitions = ARRAY[ROW('fade', 0.75)]::video_transition[] WHERE id = ?", id);
        assertThat(jobs.claim(read)).isFalse();
        read = job(id);
        rows.update("UPDATE events SET video_transitions = ARRAY[NULL]::video_transition[] WHERE id = ?", id);
        assertThat(jobs.claim(read)).isFalse();
        assertThat(jobs.claim(job(id))).isTrue(); // hard cuts compare equal too
        assertThat(rows.get(id).get("state")).isEqualTo("CLAIMED");
    }

    @Test
    void aRowNoCutterCouldCutSaysWhyAndWaits() throws Exception {
        String backwards = insert("backwards", Arrays.asList((String) null), "2026-11-20T14:00:01",
                "2026-11-20T14:00:03", "2026-11-20T14:00:06", "2026-11-20T14:00:04");
        String noType = insert("no type", Arrays.asList("fade,1"), "2026-11-20T14:00:01", "2026-11-20T14:00:03",
                "2026-11-20T14:00:04", "2026-11-20T14:00:06");
        rows.update("UPDATE events SET video_transitions = ARRAY[ROW('', 1)]::video_transition[] WHERE id = ?", noType);
        assertThat(worker().workThrough(List.of(job(backwards), job(noType)))).isNull();
        assertThat(rows.get(backwards).get("error")).isEqualTo("Cannot cut this row: range 2 must have a start and an end"
                + " after it");
        assertThat(rows.get(noType).get("error")).isEqualTo("Cannot cut this row: transition 1 needs a type and a"
                + " duration above zero");
        assertThat(rows.count("state = 'EDITED'")).isEqualTo(2);
    }

    @Test
    void aFadeBetweenRangesOverlapsThemInTheUploadedVideo() throws Exception {
        // 3 s + 4 s joined by a 1 s fade, then a hard cut to 2 s: 3 + 4 + 2 - 1 = 8 s, every frame once
        String id = insert("fade then cut", Arrays.asList("fade,1", null), "2026-11-20T14:00:01", "2026-11-20T14:00:04",
                "2026-11-20T14:00:12", "2026-11-20T14:00:16", "2026-11-20T14:00:04", "2026-11-20T14:00:06");
        assertThat(worker().workThrough(List.of(job(id)))).isEqualTo(CutterWorker.Outcome.DONE);
        assertThat(rows.get(id).get("state")).isEqualTo("DONE");
        CutChecker.assertPlaysAsJoined(video(), List.of(3.0, 4.0, 2.0), Arrays.asList(1.0, 0.0));
    }

    @Test
    void transitionsNoCutOfThisLocationCanMakeSayWhyAndWait() throws Exception {
        String unknown = insert("unknown transition", Arrays.asList("sparkles,1"), "2026-11-20T14:00:01",
                "2026-11-20T14:00:03", "2026-11-20T14:00:04", "2026-11-20T14:00:06");
        String tooLong = insert("fade longer than a range", Arrays.asList("fade,3"), "2026-11-20T14:00:01",
                "2026-11-20T14:00:03", "2026-11-20T14:00:04", "2026-11-20T14:00:07");
        assertThat(worker().workThrough(List.of(job(unknown), job(tooLong)))).isNull();
        assertThat(rows.get(unknown).get("error")).startsWith("Cannot cut this row for local: unknown transition 'sparkles'");
        assertThat(rows.get(tooLong).get("error")).startsWith("Cannot cut this row for local: ");
        // a rough cut copies whole segments: it cannot blend, so a faded row waits for an editor
        String faded = insert("fade, rough location", Arrays.asList("fade,0.5"), "2026-11-20T14:00:01",
                "2026-11-20T14:00:03", "2026-11-20T14:00:04", "2026-11-20T14:00:06");
        assertThat(worker(CutType.ROUGH).workThrough(List.of(job(faded)))).isNull();
        assertThat(rows.get(faded).get("error")).startsWith("Cannot cut this row for local: ");
        assertThat(rows.count("state = 'EDITED'")).isEqualTo(3);
    }
}

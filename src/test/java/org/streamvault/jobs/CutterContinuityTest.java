package org.streamvault.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.Await;
import org.streamvault.testing.CutChecker;
import org.streamvault.testing.CutMatrix;
import org.streamvault.testing.EventRows;
import org.streamvault.testing.TestDatabase;
import org.streamvault.testing.TestMedia;
import org.streamvault.testing.TestNode;

/**
 * The files the cutter uploads (local backend), for every cut type it offers over the matrix's
 * cross (every shape, every kind of segment: {@link CutMatrix#crossCases}), judged by
 * {@link CutChecker} as a viewer would get them.
 */
class CutterContinuityTest {
    static final List<String> CUT_TYPES = List.of("fast", "smart", "mp4", "mpegts");
    static TestDatabase testDb;
    static EventRows rows;

    @TempDir
    static Path dir;

    record Clip(String id, String location, TestMedia.Kind kind, CutMatrix.Shape shape) {
        Path file(Path uploads) {
            String ext = location.equals("mp4") ? ".mp4" : ".ts";
            return uploads.resolve(location).resolve(kind + " " + shape + " [" + id + "]" + ext);
        }
    }

    @BeforeAll
    static void setUp() throws Exception {
        testDb = TestDatabase.create();
        rows = new EventRows(testDb);
        testDb.applySchema();
        CutMatrix.store(dir.resolve("store"));
    }

    @AfterAll
    static void tearDown() throws Exception {
        testDb.close();
    }

    /** One local location per cut type, each writing into its own folder. */
    static String locations(Path uploads) throws Exception {
        List<String> entries = new ArrayList<>();
        for (String type : CUT_TYPES) {
            Files.createDirectories(uploads.resolve(type));
            String cut = type.equals("fast") || type.equals("smart") ? "\"cut_type\": \"" + type + "\""
                    : "\"cut_type\": \"full\", \"format\": \"" + type + "\"";
            entries.add("\"" + type + "\": {\"type\": \"local\", \"path\": \"" + uploads.resolve(type) + "\", " + cut + "}");
        }
        return "{" + String.join(", ", entries) + "}";
    }

    @Test
    void everyUploadedClipPlaysContinuously() throws Exception {
        Path uploads = dir.resolve("uploads");
        String locations = locations(uploads);
        List<Clip> clips = new ArrayList<>();
        for (String type : CUT_TYPES) {
            for (Object[] c : CutMatrix.crossCases()) {
                TestMedia.Kind kind = (TestMedia.Kind) c[0];
                CutMatrix.Shape shape = (CutMatrix.Shape) c[1];
                if (shape.ranges(kind).size() != 1) {
                    continue; // several ranges through the cutter: CutterRangesTest
                }
                double[] r = shape.ranges(kind).get(0);
                String id = rows.insertEdited(kind + " " + shape, Timestamps.formatIso(CutMatrix.at(r[0])),
                        Timestamps.formatIso(CutMatrix.at(r[1])), CutMatrix.channel(kind), shape.quality(), type,
                        shape.allowHoles());
                clips.add(new Clip(id, type, kind, shape));
            }
        }
        TestNode node = TestNode.start(dir.resolve("store"), "streamvault.cutter.enabled", "true",
                "streamvault.db.url", testDb.url(), "streamvault.db.user", testDb.user(),
                "streamvault.node-name", "node-c", "streamvault.cutter.upload-locations", locations,
                "streamvault.cutter.poll-interval", "100", "streamvault.restreamer.enabled", "false");
        try {
            for (Clip clip : clips) {
                Await.until(clip + " DONE", () -> {
                    String state = rows.get(clip.id()).get("state");
                    assertThat(state).as(rows.get(clip.id()).get("error")).isIn("EDITED", "CLAIMED", "FINALIZING", "DONE");
                    return "DONE".equals(state);
                });
            }
        } finally {
            node.close();
        }
        List<String> problems = new ArrayList<>();
        for (Clip clip : clips) {
            CutChecker.Report report = CutChecker.probe(clip.file(uploads));
            for (String p : report.problems(clip.shape().length(clip.kind()))) {
                problems.add(clip.location() + " " + clip.kind() + " " + clip.shape() + ": " + p + " (" + report + ")");
            }
        }
        assertThat(problems).isEmpty();
    }
}

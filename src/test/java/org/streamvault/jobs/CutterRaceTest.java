package org.streamvault.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.EventRows;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestDatabase;
import org.streamvault.testing.TestMedia;
import org.streamvault.testing.TestNode;

/** Three cutter nodes over one database and one upload folder: every row is uploaded exactly once. */
class CutterRaceTest {
    @TempDir
    Path uploads;

    @TempDir
    Path store;

    @Test
    void threeNodesStartedOnAnEmptyDatabaseRaceOverThirtyRowsAndUploadEachExactlyOnce() throws Exception {
        StoreBuilder s = new StoreBuilder(store, "desertbus", "source");
        s.addMedia(Timestamps.parseUtc("2026-11-20T14:00:00"), 10, "2.0");
        try (TestDatabase testDb = TestDatabase.create()) {
            Set<String> ids = new HashSet<>();
            // three cutter nodes start together on the empty database (as after createdb): each
            // applies the schema at start-up, taking turns under the advisory lock
            String locations = "{\"shared\": {\"type\": \"local\", \"path\": \"" + uploads + "\", \"cut_type\": \"fast\"}}";
            List<CompletableFuture<TestNode>> starting = new ArrayList<>();
            try {
                for (String name : new String[] {"racer-1", "racer-2", "racer-3"}) {
                    starting.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            return TestNode.start(store, "streamvault.cutter.enabled", "true", "streamvault.db.url",
                                    testDb.url(), "streamvault.db.user", testDb.user(), "streamvault.node-name", name,
                                    "streamvault.cutter.upload-locations", locations,
                                    "streamvault.cutter.poll-interval", "100", "streamvault.restreamer.enabled", "false");
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }));
                }
                CompletableFuture.allOf(starting.toArray(new CompletableFuture<?>[0])).join();
                EventRows rows = new EventRows(testDb);
                for (int i = 0; i < 30; i++) {
                    int start = i % 8;
                    ids.add(rows.insertEdited("race " + i, "2026-11-20T14:00:0" + start + ".5",
                            "2026-11-20T14:00:" + String.format("%02d", start + 2), "desertbus", "source", "shared", false));
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (rows.count("state = 'DONE'") < 30 && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
            } finally {
                for (CompletableFuture<TestNode> f : starting) {
                    if (!f.isCompletedExceptionally()) {
                        f.join().close();
                    }
                }
            }
            EventRows rows = new EventRows(testDb);
            assertThat(rows.count("state = 'DONE'")).isEqualTo(30);
            assertThat(rows.count("error IS NOT NULL")).isZero();
            // work really was shared, and a second upload of any row would have failed loudly
            assertThat(rows.count("uploader = 'racer-1'") + rows.count("uploader = 'racer-2'")
                    + rows.count("uploader = 'racer-3'")).isEqualTo(30);
            try (Stream<Path> files = Files.list(uploads)) {
                List<String> names = files.map(p -> p.getFileName().toString()).toList();
                assertThat(names).filteredOn(n -> n.endsWith(".ts")).hasSize(30);
                assertThat(names).noneMatch(n -> n.endsWith(".part"));
                for (String id : ids) {
                    assertThat(names).filteredOn(n -> n.contains(id.toString()) && n.endsWith(".ts")).hasSize(1);
                }
            }
        }
    }
}

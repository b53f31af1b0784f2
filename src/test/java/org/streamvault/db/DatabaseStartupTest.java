package org.streamvault.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.Await;
import org.streamvault.testing.EventRows;
import org.streamvault.testing.LogCapture;
import org.streamvault.testing.MediaProbe;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestDatabase;
import org.streamvault.testing.TestMedia;
import org.streamvault.testing.TestNode;

/**
 * SPEC §6: every node with a database URL applies the schema when it starts, whatever it runs,
 * and a node whose database is not there yet starts anyway, says so, and catches up. Every
 * database here starts empty, as after {@code createdb}.
 */
class DatabaseStartupTest {
    @TempDir
    Path dir;

    private String[] cutterNode(TestDatabase db, String... more) {
        String locations = "{\"local\": {\"type\": \"local\", \"path\": \"" + dir.resolve("clips") + "\", \"cut_type\": \"fast\"}}";
        String[] base = {"streamvault.cutter.enabled", "true", "streamvault.restreamer.enabled", "false",
            "streamvault.db.url", db.url(), "streamvault.db.user", db.user(), "streamvault.cutter.poll-interval", "200",
            "streamvault.cutter.upload-locations", locations};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private Path store() throws Exception {
        Path store = dir.resolve("segments");
        new StoreBuilder(store, "desertbus", "source").addMedia(Timestamps.parseUtc("2026-11-20T14:05:00"), 4, "2.0");
        return store;
    }

    private String insertAndAwaitDone(TestDatabase db) throws Exception {
        EventRows rows = new EventRows(db);
        String id = rows.insertEdited("Best moment", "2026-11-20T14:05:01", "2026-11-20T14:05:07", "desertbus", "source",
                "local", false);
        Await.until("row DONE", () -> "DONE".equals(rows.get(id).get("state")));
        Map<String, String> row = rows.get(id);
        assertThat(row.get("error")).isNull();
        try (Stream<Path> files = Files.list(dir.resolve("clips"))) {
            List<Path> videos = files.filter(p -> p.toString().endsWith(".ts")).toList();
            assertThat(videos).hasSize(1);
            assertThat(row.get("video_link")).contains(id.toString());
            // 6 s of 30 fps video (a fast cut's timestamps jump at the joins, so frames, not duration)
            assertThat(MediaProbe.videoFrames(videos.get(0))).isBetween(6 * TestMedia.FPS - 1, 6 * TestMedia.FPS + 1);
        }
        return id;
    }

    @Test
    void cutterOnlyNodeOnAnEmptyDatabaseTurnsAnInsertedRowIntoDone() throws Exception {
        Path store = store();
        try (TestDatabase db = TestDatabase.create(); LogCapture logs = LogCapture.start();
                TestNode node = TestNode.start(store, cutterNode(db))) {
            assertThat(node.get("/observe/health/ready").statusCode()).isEqualTo(200);
            insertAndAwaitDone(db);
            assertThat(logs.withStackTraces()).isEmpty();
            assertThat(logs.containing("cannot read the queue")).isEmpty();
        }
    }

    @Test
    void aNodeOnADatabaseOfTheFirstSchemaMigratesItAndCutsItsQueuedRow() throws Exception {
        Path store = store();
        try (TestDatabase db = TestDatabase.create(); LogCapture logs = LogCapture.start()) {
            try (Connection c = db.connect(); Statement st = c.createStatement();
                    java.io.InputStream v1 = DatabaseStartupTest.class.getResourceAsStream("/db/schema-v1.sql")) {
                st.execute(new String(v1.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                // queued by a node of the earlier version, just before the upgrade
                st.execute("INSERT INTO events (id, sheet_name, state, upload_location, video_start, video_end,"
                        + " video_title, video_description, video_tags, video_channel, editor, edit_time) VALUES"
                        + " ('5a18ca5e-3061-4234-b513-96352c7eb1ae', 'manual', 'EDITED', 'local', '2026-11-20 14:05:01',"
                        + " '2026-11-20 14:05:07', 'Queued before', 'd', '{}', 'desertbus', 'ada@example.org', now())");
                st.execute("INSERT INTO editors VALUES ('Ada@Example.org', 'Ada')");
            }
            try (TestNode node = TestNode.start(store, cutterNode(db))) {
                EventRows rows = new EventRows(db);
                String id = "5a18ca5e-3061-4234-b513-96352c7eb1ae";
                Await.until("migrated row DONE", () -> "DONE".equals(rows.get(id).get("state")));
                assertThat(node.get("/observe/health/ready").statusCode()).isEqualTo(200);
                assertThat(rows.get(id)).containsEntry("error", null).containsEntry("video_transitions", "{}");
                try (Stream<Path> files = Files.list(dir.resolve("clips"))) {
                    List<Path> videos = files.filter(p -> p.toString().endsWith(".ts")).toList();
                    assertThat(videos).hasSize(1);
                    assertThat(MediaProbe.videoFrames(videos.get(0))).isBetween(6 * TestMedia.FPS - 1,
                            6 * TestMedia.FPS + 1);
                }
                try (Connection c = db.connect(); Statement st = c.createStatement();
                        java.sql.ResultSet rs = st.executeQuery("SELECT email FROM roles WHERE editor")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("ada@example.org");
                }
            }
            assertThat(logs.withStackTraces()).isEmpty();
        }
    }

    @Test
    void editorOnlyNodeOnAnEmptyDatabaseServesThrimshimAtOnce() throws Exception {
        try (TestDatabase db = TestDatabase.create(); LogCapture logs = LogCapture.start();
                TestNode node = TestNode.start(dir, "streamvault.editor.enabled", "true",
                        "streamvault.restreamer.enabled", "false", "streamvault.db.url", db.url(),
                        "streamvault.db.user", db.user(), "streamvault.editor.auth.enabled", "false")) {
            // another writer (psql) first: the tables are there as soon as the node is up
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("INSERT INTO roles (email, name, editor) VALUES ('ada@example.org', 'Ada', TRUE)");
            }
            HttpResponse<String> r = node.get("/thrimshim");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("[]");
            assertThat(logs.withStackTraces()).isEmpty();
        }
    }

    @Test
    void aNodeStartedBeforeItsDatabaseExistsRetriesThenAppliesTheSchema() throws Exception {
        Path store = store();
        TestDatabase db = TestDatabase.reserve();
        try (LogCapture logs = LogCapture.start()) {
            try (TestNode node = TestNode.start(store, cutterNode(db, "streamvault.db.retry-max-seconds", "1",
                    "streamvault.db.connect-timeout", "1"))) {
                HttpResponse<String> down = node.get("/observe/health/ready?exposureLevel=full");
                assertThat(down.statusCode()).isEqualTo(503);
                assertThat(down.body()).contains("database").contains("does not exist");
                Await.until("two attempts logged", () -> logs.containing("database not ready (attempt").size() >= 2);
                assertThat(logs.containing("database not ready (attempt 1)")).singleElement().asString()
                        .contains("does not exist");
                db.createNow();
                Await.until("database ready", Duration.ofSeconds(20),
                        () -> node.get("/observe/health/ready").statusCode() == 200);
                assertThat(logs.containing("database ready after")).hasSize(1);
                insertAndAwaitDone(db);
            } finally {
                db.close();
            }
            // the poll waited for the schema instead of querying a database without it
            assertThat(logs.containing("cannot read the queue")).isEmpty();
            assertThat(logs.withStackTraces()).isEmpty();
        }
    }

    @Test
    void aDatabaseThatGoesAwayUnderACutterIsOneLinePerMinuteNotAStackTracePerPoll() throws Exception {
        Path store = store();
        TestDatabase db = TestDatabase.create();
        try (LogCapture logs = LogCapture.start();
                TestNode node = TestNode.start(store, cutterNode(db, "streamvault.db.connect-timeout", "1"))) {
            assertThat(node.get("/observe/health/ready").statusCode()).isEqualTo(200);
            db.close(); // DROP DATABASE ... WITH (FORCE): connections cut, the database gone
            Await.until("the outage noticed", Duration.ofSeconds(20), () -> !logs.containing("cannot read the queue").isEmpty());
            Thread.sleep(1_500); // several more polls (every 200 ms)
            assertThat(logs.containing("cannot read the queue")).hasSize(1);
            assertThat(logs.withStackTraces()).isEmpty();
        }
    }
}

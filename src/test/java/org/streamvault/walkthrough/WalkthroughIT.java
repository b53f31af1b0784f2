package org.streamvault.walkthrough;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.Timestamps;
import org.streamvault.segments.SegmentType;
import org.streamvault.testing.Await;
import org.streamvault.testing.FaultyHlsOrigin;
import org.streamvault.testing.MediaProbe;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.StoreContents;
import org.streamvault.testing.TestDatabase;
import org.streamvault.testing.TestIdTokens;
import org.streamvault.testing.TestMedia;
import org.streamvault.testing.TestNode;

/**
 * Every README walkthrough, run verbatim with bash against fresh directories and a fresh empty
 * database, through the real launcher, checked the way a user would check it; no node may log a
 * stack trace. An integration test (failsafe, after {@code package}): the launcher starts the jar
 * and {@code target/lib} that {@code package} made.
 */
class WalkthroughIT {
    @TempDir
    Path dir;
    Walkthrough w;

    @BeforeEach
    void checkout() throws Exception {
        w = new Walkthrough(dir);
    }

    @AfterEach
    void stopEverything() throws Exception {
        w.close();
    }

    private void assertNoStackTraces(String... scripts) throws Exception {
        for (String s : scripts) {
            assertThat(w.stackTraces(s)).as("stack traces in the output of " + s).isEmpty();
        }
    }

    @Test
    void demoRecordsAndServesItsStream() throws Exception {
        int port = TestNode.freePort();
        Process demo = w.start("demo.sh", "STREAMVAULT_HTTP_PORT", Integer.toString(port));
        String playlist = "http://localhost:" + port + "/playlist/demo/source.m3u8";
        Await.until("the demo's URL", Duration.ofSeconds(90), () -> w.output("demo.sh").contains(playlist));
        Await.until("a segment in the demo's playlist", Duration.ofSeconds(60),
                () -> Walkthrough.get(playlist).body().contains(".ts"));
        assertThat(TestMedia.ffprobe("-show_entries", "stream=codec_type", "-of", "csv=p=0", playlist)).contains("video");
        w.stop(demo);
        assertNoStackTraces("demo.sh");
    }

    @Test
    void recordingAnHlsOrigin() throws Exception {
        try (FaultyHlsOrigin origin = FaultyHlsOrigin.start(3)) {
            origin.publish(3);
            Process node = w.start("record-hls.sh", "SOURCE", origin.masterUrl(), "STREAMVAULT_HTTP_PORT",
                    Integer.toString(TestNode.freePort()));
            awaitFullCopies("mystream", origin, 3);
            w.stop(node);
            assertNoStackTraces("record-hls.sh");
        }
    }

    @Test
    void recordingATwitchChannel() throws Exception {
        try (FaultyHlsOrigin origin = FaultyHlsOrigin.start(3)) {
            origin.publish(3);
            // the origin also speaks Twitch's playback-token API and usher, at the addresses the node is given
            Process node = w.start("record-twitch.sh", "STREAMVAULT_TWITCH_GQL_URL", origin.gqlUrl(),
                    "STREAMVAULT_TWITCH_USHER_URL", origin.baseUrl(), "STREAMVAULT_TWITCH_CLIENT_ID",
                    FaultyHlsOrigin.CLIENT_ID, "STREAMVAULT_HTTP_PORT", Integer.toString(TestNode.freePort()));
            awaitFullCopies("desertbus", origin, 3);
            w.stop(node);
            assertNoStackTraces("record-twitch.sh");
        }
    }

    private void awaitFullCopies(String channel, FaultyHlsOrigin origin, int count) throws Exception {
        Await.until(count + " segments recorded", Duration.ofSeconds(90), () -> {
            List<StoreContents.File> files = Files.isDirectory(dir.resolve("segments"))
                    ? StoreContents.list(dir.resolve("segments"), channel, "source") : List.of();
            return files.stream().filter(f -> f.type() == SegmentType.FULL && f.hashMatches()).count() >= count;
        });
        for (StoreContents.File f : StoreContents.list(dir.resolve("segments"), channel, "source")) {
            if (f.type() == SegmentType.FULL) {
                long k = (f.startMicros() - origin.startMicros(0)) / 2_000_000L;
                assertThat(f.bytes()).isEqualTo(origin.bytes((int) k));
            }
        }
    }

    @Test
    void watchingAPlaylist() throws Exception {
        new StoreBuilder(dir.resolve("segments"), "desertbus", "source")
                .addMedia(Timestamps.parseUtc("2026-11-20T14:00:00"), 3, "2.0");
        try (TestNode node = TestNode.start(dir.resolve("segments"))) {
            int status = w.run("watch-playlist.sh", Duration.ofSeconds(60), "NODE", node.url(""), "PLAYER",
                    "ffprobe -v error -select_streams v -show_entries stream=codec_type -of csv=p=0");
            String out = w.output("watch-playlist.sh");
            assertThat(status).as(out).isZero();
            // both playlists play (a video stream each); the listing names the hour
            assertThat(out.lines().filter(l -> l.equals("video")).count()).as(out).isGreaterThanOrEqualTo(2);
            assertThat(out.lines().filter(l -> !l.isBlank() && !l.equals("video")).toList()).as(out)
                    .containsExactly("[\"2026-11-20T14\"]");
            assertThat(out).contains("[\"2026-11-20T14\"]");
        }
    }

    @Test
    void cutterTurnsTheInsertedRowIntoAPlayableClip() throws Exception {
        new StoreBuilder(dir.resolve("segments"), "desertbus", "source")
                .addMedia(Timestamps.parseUtc("2026-11-20T14:05:00"), 16, "2.0");
        TestDatabase db = TestDatabase.reserve();
        try {
            String[] env = {"DB", db.name(), "STREAMVAULT_HTTP_PORT", Integer.toString(TestNode.freePort())};
            assertThat(w.run("cutter-1-database.sh", Duration.ofSeconds(30), env)).as(w.output("cutter-1-database.sh"))
                    .isZero();
            Process node = w.start("cutter-2-run.sh", env);
            Walkthrough.awaitNode(Integer.parseInt(env[3]), node, "cutter-2-run.sh", w);
            int status = w.run("cutter-3-insert.sh", Duration.ofSeconds(90), env);
            String out = w.output("cutter-3-insert.sh");
            assertThat(status).as(out).isZero();
            assertThat(out).contains("DONE").contains("duration=");
            try (Connection c = db.connect(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT state, video_link, error FROM events")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("DONE");
                assertThat(rs.getString(3)).isNull();
            }
            List<Path> clips;
            try (Stream<Path> files = Files.list(dir.resolve("clips"))) {
                clips = files.filter(p -> p.getFileName().toString().startsWith("Best moment [")
                        && p.toString().endsWith(".ts")).toList();
            }
            assertThat(clips).hasSize(1);
            // 20 s + 10 s of 30 fps video (frames, not the container's duration: a fast cut's timestamps jump)
            assertThat(MediaProbe.videoFrames(clips.get(0))).isBetween(30 * TestMedia.FPS - 1, 30 * TestMedia.FPS + 1);
            w.stop(node);
            assertNoStackTraces("cutter-2-run.sh", "cutter-3-insert.sh");
        } finally {
            db.close();
        }
    }

    @Test
    void editorServesAtOnceThenLoadsAndSavesARow() throws Exception {
        try (TestDatabase db = TestDatabase.create(); TestIdTokens tokens = TestIdTokens.start()) {
            int port = TestNode.freePort();
            String[] env = {"DB", db.name(), "DB_USER", db.user(), "AUDIENCE", TestIdTokens.AUDIENCE,
                "STREAMVAULT_HTTP_PORT", Integer.toString(port), "NODE", "http://127.0.0.1:" + port,
                "STREAMVAULT_EDITOR_AUTH_JWKS_URL", tokens.jwksUrl(), "STREAMVAULT_EDITOR_AUTH_ISSUER", TestIdTokens.ISSUER,
                "TOKEN", tokens.token("Ada@Example.org")};
            Process node = w.start("editor-1-run.sh", env);
            Walkthrough.awaitNode(port, node, "editor-1-run.sh", w);
            var rows = Walkthrough.get("http://127.0.0.1:" + port + "/thrimshim");
            assertThat(rows.statusCode()).as(rows.body()).isEqualTo(200);
            assertThat(rows.body()).isEqualTo("[]");

            assertThat(w.run("editor-2-add-editor.sh", Duration.ofSeconds(30), env)).isZero();
            assertThat(w.run("editor-3-load-and-save.sh", Duration.ofSeconds(30), env)).isZero();
            String out = w.output("editor-3-load-and-save.sh");
            assertThat(out).contains("\"sheet_name\":\"Friday\"").contains("\"video_title\":\"Best moment\"");
            assertThat(titles(db)).containsExactly("DB2026 - Best moment");

            // once removed, Ada's save is refused and changes nothing
            assertThat(w.run("editor-4-remove-editor.sh", Duration.ofSeconds(30), env)).isZero();
            assertThat(w.run("editor-3-load-and-save.sh", Duration.ofSeconds(30), env)).isZero();
            assertThat(titles(db)).containsExactly("DB2026 - Best moment");
            assertThat(w.output("editor-3-load-and-save.sh")).contains("not an editor");
            w.stop(node);
            assertNoStackTraces("editor-1-run.sh", "editor-3-load-and-save.sh");
        }
    }

    private static List<String> titles(TestDatabase db) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT video_title FROM events WHERE video_title IS NOT NULL")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void backfillerCopiesWhatItsPeerHas() throws Exception {
        Path peerStore = Files.createDirectories(dir.resolve("peer"));
        List<Path> theirs = new StoreBuilder(peerStore, "desertbus", "source")
                .addMedia(Timestamps.parseUtc("2026-11-20T14:00:00"), 3, "2.0");
        try (TestNode peer = TestNode.start(peerStore)) {
            int port = TestNode.freePort();
            Process node = w.start("backfill-run.sh", "PEERS", peer.url(""), "STREAMVAULT_HTTP_PORT",
                    Integer.toString(port));
            Path hour = dir.resolve("segments/desertbus/source/2026-11-20T14");
            Await.until("the peer's segments copied", Duration.ofSeconds(90), () -> names(hour).equals(names(theirs)));
            w.stop(node);
            assertNoStackTraces("backfill-run.sh");
        }
    }

    @Test
    void backfillOnceSeedsANodeAndExits() throws Exception {
        Path peerStore = Files.createDirectories(dir.resolve("peer"));
        long twoHoursAgo = Timestamps.truncateToHour(System.currentTimeMillis() * 1000) - 2 * Timestamps.MICROS_PER_HOUR;
        List<Path> theirs = new StoreBuilder(peerStore, "desertbus", "source").addMedia(twoHoursAgo, 3, "2.0");
        try (TestNode peer = TestNode.start(peerStore)) {
            Path nodes = Files.writeString(dir.resolve("nodes"), "# peers\npeer-1 " + peer.url("") + "\n");
            int status = w.run("backfill-once.sh", Duration.ofSeconds(120), "NODE_FILE", nodes.toString(),
                    "STREAMVAULT_HTTP_PORT", Integer.toString(TestNode.freePort()));
            assertThat(status).as(w.output("backfill-once.sh")).isZero();
            Path hour = dir.resolve("segments/desertbus/source/" + Timestamps.formatHour(twoHoursAgo));
            assertThat(names(hour)).isEqualTo(names(theirs));
            assertNoStackTraces("backfill-once.sh");
        }
    }

    private static List<String> names(Path hourDir) throws Exception {
        if (!Files.isDirectory(hourDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(hourDir)) {
            return names(files.toList());
        }
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(p -> p.getFileName().toString()).sorted().toList();
    }
}

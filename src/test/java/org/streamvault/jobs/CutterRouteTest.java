package org.streamvault.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.Await;
import org.streamvault.testing.EventRows;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestDatabase;
import org.streamvault.testing.TestMedia;
import org.streamvault.testing.TestNode;

/**
 * The cutter on real nodes: a real database, real segments, real ffmpeg, the local backend.
 * Store: 15 real 2-second segments from 14:00:00 to 14:00:30, then a hole, then more from 14:00:40.
 */
class CutterRouteTest {
    static final String T0 = "2026-11-20T14:00:00";
    static TestDatabase testDb;
    static EventRows rows;
    static Path store;

    @TempDir
    Path uploads;

    @BeforeAll
    static void setUp() throws Exception {
        testDb = TestDatabase.create();
        rows = new EventRows(testDb);
        store = Files.createTempDirectory("cutter-store");
        StoreBuilder s = new StoreBuilder(store, "desertbus", "source");
        List<Path> media = TestMedia.segments(20);
        long t0 = Timestamps.parseUtc(T0);
        for (int i = 0; i < 15; i++) {
            s.addFile(t0 + i * 2_000_000L, "2.0", media.get(i));
        }
        for (int i = 15; i < 20; i++) {
            s.addFile(t0 + 10_000_000L + i * 2_000_000L, "2.0", media.get(i));
        }
        // the first node to start applies the schema; one starts now so rows can be inserted first
        TestNode.initialise(testDb);
    }

    @AfterAll
    static void tearDown() throws Exception {
        testDb.close();
    }

    TestNode cutterNode(String name, String cutType) throws Exception {
        return cutterNode(name, cutType, "");
    }

    /** {@code locationFields}: more JSON fields of the location, each with a leading comma. */
    TestNode cutterNode(String name, String cutType, String locationFields) throws Exception {
        String locations = "{\"local\": {\"type\": \"local\", \"path\": \"" + uploads + "\", \"cut_type\": \"" + cutType
                + "\", \"url_prefix\": \"https://clips.example/\"" + locationFields + "}}";
        return TestNode.start(store, "streamvault.cutter.enabled", "true", "streamvault.db.url", testDb.url(),
                "streamvault.db.user", testDb.user(), "streamvault.node-name", name,
                "streamvault.cutter.upload-locations", locations, "streamvault.cutter.poll-interval", "200",
                "streamvault.cutter.static-tags", "charity, stream", "streamvault.restreamer.enabled", "false");
    }

    interface Body {
        void run() throws Exception;
    }

    /** Runs {@code body} while a cutter node is up, and stops the node after. */
    void runCutter(String name, String cutType, Body body) throws Exception {
        TestNode node = cutterNode(name, cutType);
        try {
            body.run();
        } finally {
            node.close();
        }
    }

    List<Path> videos() throws Exception {
        try (Stream<Path> files = Files.list(uploads)) {
            return files.filter(p -> p.toString().endsWith(".ts") || p.toString().endsWith(".mp4")).sorted().toList();
        }
    }

    static int videoFrames(Path video) throws Exception {
        String out = TestMedia.ffprobe("-count_frames", "-select_streams", "v:0", "-show_entries",
                "stream=nb_read_frames", "-of", "default=nw=1", video.toString());
        Matcher m = Pattern.compile("nb_read_frames=(\\d+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Integer.parseInt(m.group(1));
    }

    static double duration(Path video) throws Exception {
        String out = TestMedia.ffprobe("-show_entries", "format=duration", "-of", "default=nw=1", video.toString());
        Matcher m = Pattern.compile("duration=([0-9.]+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void editedRowBecomesAPlayableVideoAndIsDone() throws Exception {
        String id = rows.insertEdited("Speedrun: any% / world record!", "2026-11-20T14:00:03", "2026-11-20T14:00:11",
                "desertbus", "source", "local", false);
        String[] scraped = new String[1];
        TestNode node = cutterNode("node-a", "fast");
        try {
            Await.until("row DONE", () -> "DONE".equals(rows.get(id).get("state")));
            scraped[0] = node.get("/metrics").body();
        } finally {
            node.close();
        }
        String metricsText = scraped[0];
        Map<String, String> row = rows.get(id);
        assertThat(row.get("uploader")).isEqualTo("node-a");
        assertThat(metricsText).contains("streamvault_cutter_jobs_total{location=\"local\",outcome=\"done\"} 1.0");
        assertThat(row.get("error")).isNull();
        assertThat(row.get("upload_time")).isNotNull();
        List<Path> videos = videos();
        assertThat(videos).hasSize(1);
        Path video = videos.get(0);
        assertThat(video.getFileName().toString()).isEqualTo("Speedrun_ any_ _ world record_ [" + id + "].ts");
        assertThat(row.get("video_link")).isEqualTo("https://clips.example/"
                + org.streamvault.hls.UriPaths.encode(video.getFileName().toString()));
        // a fast cut's timestamps jump at the joins, so count frames rather than trust the container duration
        assertThat(videoFrames(video)).isBetween(8 * TestMedia.FPS - 1, 8 * TestMedia.FPS + 1);
        String sidecar = Files.readString(uploads.resolve("Speedrun_ any_ _ world record_ [" + id + "].json"));
        assertThat(sidecar).contains("\"test\"", "\"clip\"", "\"charity\"", "\"stream\"", "A clip made by a test.");
        try (Stream<Path> all = Files.list(uploads)) {
            assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    @Test
    void fullReencodeToMp4IsSpooledAndPlayable() throws Exception {
        String id = rows.insertEdited("mp4 clip", "2026-11-20T14:00:01", "2026-11-20T14:00:05", "desertbus", "source",
                "local", false);
        runCutter("node-mp4", "full", () -> {
            Await.until("row DONE", () -> "DONE".equals(rows.get(id).get("state")));
        });
        Path video = uploads.resolve("mp4 clip [" + id + "].mp4");
        assertThat(video).exists();
        assertThat(duration(video)).isBetween(4.0 - 0.1, 4.0 + 0.1);
    }

    /** Exchanges of route {@code routeId} so far, as its route MBean (Hawtio) counts them: {completed, failed}. */
    static long[] routeExchanges(TestNode node, String routeId) {
        ManagedRouteMBean route = node.camelContext().getCamelContextExtension()
                .getContextPlugin(ManagedCamelContext.class).getManagedRoute(routeId);
        assertThat(route).as("route " + routeId).isNotNull();
        return new long[] {route.getExchangesCompleted(), route.getExchangesFailed()};
    }

    /** The value of one Prometheus series of {@code /metrics}; -1 when absent. */
    static double metric(TestNode node, String name, String labelPart) throws Exception {
        for (String line : node.get("/metrics").body().split("\n")) {
            if (line.startsWith(name + "{") && line.contains(labelPart)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return -1;
    }

    @Test
    void theSpooledMp4EncodeIsOneExchangeOfTheExecRoute() throws Exception {
        String id = rows.insertEdited("exec clip", "2026-11-20T14:00:03", "2026-11-20T14:00:09", "desertbus", "source",
                "local", false);
        TestNode node = cutterNode("node-exec", "full");
        try {
            Await.until("row DONE", () -> "DONE".equals(rows.get(id).get("state")));
            // one job, one ffmpeg run through exec: Hawtio and /metrics count it on the cut route
            assertThat(routeExchanges(node, "cut-spool-to-file")).containsExactly(1, 0);
            assertThat(metric(node, "camel_exchanges_total", "routeId=\"cut-spool-to-file\"")).isEqualTo(1.0);
            assertThat(metric(node, "camel_route_policy_seconds_count", "routeId=\"cut-spool-to-file\"")).isEqualTo(1.0);
        } finally {
            node.close();
        }
        Path video = uploads.resolve("exec clip [" + id + "].mp4");
        assertThat(duration(video)).isBetween(6.0 - 0.1, 6.0 + 0.1);
        assertThat(videoFrames(video)).isEqualTo(6 * 30);
    }

    @Test
    void aFailingSpooledEncodeRejectsTheRowWithFfmpegsOwnWords() throws Exception {
        String id = rows.insertEdited("bad encoder", "2026-11-20T14:00:03", "2026-11-20T14:00:07", "desertbus",
                "source", "local", false);
        TestNode node = cutterNode("node-exec-bad", "full", ", \"encode_args\": \"-c:v no_such_encoder\"");
        try {
            Await.until("row UNEDITED", () -> "UNEDITED".equals(rows.get(id).get("state")));
            assertThat(routeExchanges(node, "cut-spool-to-file")).containsExactly(0, 1);
        } finally {
            node.close();
        }
        assertThat(rows.get(id).get("error")).startsWith("Cut failed: ffmpeg failed (exit ")
                .contains("no_such_encoder").doesNotContain("\n");
        assertThat(videos()).isEmpty();
    }

    @Test
    void holesWithoutAllowHolesLeaveAnErrorOnceAndTheRowWaits() throws Exception {
        String id = rows.insertEdited("across the hole", "2026-11-20T14:00:26", "2026-11-20T14:00:44", "desertbus",
                "source", "local", false);
        runCutter("node-h", "fast", () -> {
            Await.until("error noted", () -> rows.get(id).get("error") != null);
            String first = rows.get(id).get("error");
            assertThat(first).startsWith("Video contains holes").contains("14:00:30").contains("node-h");
            rows.update("UPDATE events SET error = 'an editor looked at it' WHERE id = ?", id);
            Thread.sleep(1000);
            assertThat(rows.get(id).get("error")).isEqualTo("an editor looked at it");
            assertThat(rows.get(id).get("state")).isEqualTo("EDITED");
            // allowing holes lets it through
            rows.update("UPDATE events SET allow_holes = true WHERE id = ?", id);
            Await.until("row DONE", () -> "DONE".equals(rows.get(id).get("state")));
        });
        assertThat(videos()).hasSize(1);
    }

    @Test
    void restartRollsBackClaimedRowsAndFlagsFinalizingOnes() throws Exception {
        String claimed = rows.insert("CLAIMED", "node-r", "was claimed", "2026-11-20T14:00:02", "2026-11-20T14:00:06",
                "desertbus", "source", "local", false);
        String finalizing = rows.insert("FINALIZING", "node-r", "was finalizing", "2026-11-20T14:00:02",
                "2026-11-20T14:00:06", "desertbus", "source", "local", false);
        String othersClaim = rows.insert("CLAIMED", "node-other", "not ours", "2026-11-20T14:00:02",
                "2026-11-20T14:00:06", "desertbus", "source", "local", false);
        runCutter("node-r", "fast", () -> {
            Await.until("claimed row redone", () -> "DONE".equals(rows.get(claimed).get("state")));
            assertThat(rows.get(finalizing).get("state")).isEqualTo("FINALIZING");
            assertThat(rows.get(finalizing).get("error")).contains("restarted while finalizing");
            assertThat(rows.get(othersClaim).get("state")).isEqualTo("CLAIMED");
        });
        assertThat(videos()).hasSize(1);
    }

    @Test
    void rowsForOtherLocationsOrNotWhitelistedAreLeftAlone() throws Exception {
        String elsewhere = rows.insertEdited("elsewhere", "2026-11-20T14:00:02", "2026-11-20T14:00:06", "desertbus",
                "source", "youtube-somewhere", false);
        String notUs = rows.insertEdited("not us", "2026-11-20T14:00:02", "2026-11-20T14:00:06", "desertbus", "source",
                "local", false);
        rows.update("UPDATE events SET uploader_whitelist = '{node-z}' WHERE id = ?", notUs);
        String marker = rows.insertEdited("marker", "2026-11-20T14:00:02", "2026-11-20T14:00:04", "desertbus", "source",
                "local", false);
        runCutter("node-w", "fast", () -> {
            Await.until("marker DONE", () -> "DONE".equals(rows.get(marker).get("state")));
            Thread.sleep(600);
        });
        assertThat(rows.get(elsewhere).get("state")).isEqualTo("EDITED");
        assertThat(rows.get(notUs).get("state")).isEqualTo("EDITED");
        assertThat(videos()).hasSize(1);
    }
}

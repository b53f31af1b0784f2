package org.streamvault.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.SegmentType;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestNode;

/** {@code /observe/health} and its live/ready variants on a real node, with the node's own checks. */
class HealthEndpointTest {
    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    @TempDir
    Path base;

    @Test
    void healthHasLiveAndReadyVariants() throws Exception {
        try (TestNode node = TestNode.start(base)) {
            for (String path : new String[] {"/observe/health", "/observe/health/live", "/observe/health/ready"}) {
                HttpResponse<String> r = node.get(path);
                assertThat(r.statusCode()).as(path).isEqualTo(200);
                assertThat(r.body()).as(path).contains("\"UP\"");
            }
        }
    }

    @Test
    void stalledImportantStreamMakesTheNodeNotReady() throws Exception {
        long now = System.currentTimeMillis() * 1000;
        StoreBuilder store = new StoreBuilder(base, "stalled", "source");
        store.add(now - 600_000_000L, "2.0", SegmentType.FULL, 100);
        new StoreBuilder(base, "fresh", "source").add(now - 4_000_000L, "2.0", SegmentType.FULL, 100);
        try (TestNode node = TestNode.start(base, "streamvault.downloader.enabled", "true",
                "streamvault.channels", "stalled!,fresh!", "streamvault.health.stall-seconds", "60")) {
            HttpResponse<String> ready = node.get("/observe/health/ready?exposureLevel=full");
            assertThat(ready.statusCode()).isEqualTo(503);
            // JSON escapes the slash: stalled\/source
            java.util.regex.Matcher stall = java.util.regex.Pattern
                    .compile("\"name\":\"stream-stall\",\"status\":\"DOWN\",\"message\":\"([^\"]*)\"")
                    .matcher(ready.body());
            assertThat(stall.find()).as(ready.body()).isTrue();
            // only the stalled stream is named (other checks, e.g. the fresh stream's route, may mention it)
            assertThat(stall.group(1)).contains("stalled: stalled").doesNotContain("fresh");
            // a stall is a readiness problem: the node itself is alive
            assertThat(node.get("/observe/health/live").statusCode()).isEqualTo(200);

            store.add(now, "2.0", SegmentType.FULL, 100);
            assertThat(node.get("/observe/health/ready").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void stallDetectionIsOffWithoutTheDownloader() throws Exception {
        try (TestNode node = TestNode.start(base, "streamvault.channels", "stalled!")) {
            HttpResponse<String> r = node.get("/observe/health/ready?exposureLevel=full");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).doesNotContain("stream-stall");
        }
    }

    @Test
    void reachableDatabaseIsUpAndUnreachableIsDown() throws Exception {
        String db = "sv_health_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection admin = DriverManager.getConnection(ADMIN_URL); Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + db);
            try {
                try (TestNode node = TestNode.start(base, "streamvault.db.url",
                        "jdbc:postgresql://127.0.0.1:5432/" + db + "?user=postgres")) {
                    HttpResponse<String> r = node.get("/observe/health/ready?exposureLevel=full");
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                    assertThat(r.body()).contains("database");
                }
                int closedPort = TestNode.freePort();
                try (TestNode node = TestNode.start(base, "streamvault.db.url",
                        "jdbc:postgresql://127.0.0.1:" + closedPort + "/" + db + "?user=postgres")) {
                    HttpResponse<String> r = node.get("/observe/health/ready?exposureLevel=full");
                    assertThat(r.statusCode()).isEqualTo(503);
                    assertThat(r.body()).contains("database unreachable");
                }
            } finally {
                st.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            }
        }
    }
}

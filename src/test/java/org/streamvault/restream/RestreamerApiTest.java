package org.streamvault.restream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.streamvault.segments.SegmentType;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestNode;

/** The restreamer's read API on a real node: listings, files, ranges, errors, CORS. */
class RestreamerApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path base;
    private static TestNode node;
    private static Path first;

    @BeforeAll
    static void start() throws Exception {
        base = Files.createTempDirectory("restreamer-api");
        StoreBuilder store = new StoreBuilder(base, "desertbus", "source");
        first = store.add("2026-11-20T14:00:00", "2.0", SegmentType.FULL, 1000);
        store.add("2026-11-20T14:00:02", "2.0", SegmentType.PARTIAL, 500);
        store.add("2026-11-20T15:00:00", "2.0", SegmentType.FULL, 10);
        store.add("2026-11-20T14:00:04", "2.0", SegmentType.TEMP, 10);
        new StoreBuilder(base, "desertbus", "480p").add("2026-11-20T14:00:00", "2.0", SegmentType.FULL, 10);
        Files.createDirectories(base.resolve(".trash"));
        node = TestNode.start(base);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static List<String> jsonList(String path) throws Exception {
        HttpResponse<String> r = node.get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        return Arrays.asList(JSON.readValue(r.body(), String[].class));
    }

    @Test
    void filesListsEveryLevelLikeWubloader() throws Exception {
        assertThat(jsonList("/files")).containsExactly("desertbus");
        assertThat(jsonList("/files/desertbus")).containsExactly("480p", "source");
        assertThat(jsonList("/files/desertbus/source")).containsExactly("2026-11-20T14", "2026-11-20T15");
        List<String> names = jsonList("/files/desertbus/source/2026-11-20T14");
        assertThat(names).hasSize(3).contains(first.getFileName().toString());
        assertThat(names).anyMatch(n -> n.contains("-temp-"));
    }

    @Test
    void hourListsSegmentsOnlyAndTombstonesOnlyWhenAsked() throws Exception {
        StoreBuilder store = new StoreBuilder(base, "desertbus", "source");
        Path kept = store.add("2026-11-20T15:20:00", "2.0", SegmentType.FULL, 10);
        Path victim = store.add("2026-11-20T15:10:00", "2.0", SegmentType.FULL, 10);
        String tombstone = victim.getFileName() + ".tombstone";
        Files.createFile(victim.resolveSibling(tombstone));
        store.addRaw("2026-11-20T15:00:00", "junk-1.txt", new byte[] {1});
        String hour = "/files/desertbus/source/2026-11-20T15";
        String keptName = kept.getFileName().toString();

        // as wubloader's restreamer: .ts files only, no tombstones unless asked
        for (String path : List.of(hour, hour + "?tombstones=false", hour + "?tombstones=FALSE")) {
            List<String> names = jsonList(path);
            assertThat(names).as(path).hasSize(2).contains(keptName).allMatch(n -> n.endsWith(".ts"));
        }
        for (String path : List.of(hour + "?tombstones=true", hour + "?tombstones=True")) {
            List<String> names = jsonList(path);
            assertThat(names).as(path).hasSize(3).contains(keptName, tombstone)
                    .doesNotContain("junk-1.txt", victim.getFileName().toString());
        }
        for (String bad : List.of("yes", "1", "")) {
            HttpResponse<String> r = node.get(hour + "?tombstones=" + bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(r.body()).as(bad).contains("tombstones must be one of: true, false").hasLineCount(1);
        }
    }

    @Test
    void absentDirectoriesListAsEmptyArrays() throws Exception {
        assertThat(jsonList("/files/nobody")).isEmpty();
        assertThat(jsonList("/files/desertbus/source/2020-01-01T00")).isEmpty();
    }

    @Test
    void segmentIsServedWholeAsMpegTs() throws Exception {
        HttpResponse<byte[]> r = node.getBytes(segmentPath(first));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("video/MP2T");
        assertThat(r.body()).isEqualTo(Files.readAllBytes(first));
    }

    @Test
    void rangeRequestsGetPartialContent() throws Exception {
        byte[] all = Files.readAllBytes(first);
        HttpResponse<byte[]> r = node.getBytes(segmentPath(first), "Range", "bytes=100-199");
        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes 100-199/1000");
        assertThat(r.body()).isEqualTo(Arrays.copyOfRange(all, 100, 200));

        HttpResponse<byte[]> suffix = node.getBytes(segmentPath(first), "Range", "bytes=-10");
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(all, 990, 1000));

        HttpResponse<byte[]> open = node.getBytes(segmentPath(first), "Range", "bytes=995-");
        assertThat(open.body()).isEqualTo(Arrays.copyOfRange(all, 995, 1000));

        HttpResponse<String> past = node.get(segmentPath(first), "Range", "bytes=5000-");
        assertThat(past.statusCode()).isEqualTo(416);
        assertThat(past.body()).contains("range not satisfiable");
    }

    @Test
    void http11ClientsGetTheFileWithItsLengthWholeAndInRanges() throws Exception {
        // peers (camel-http) speak HTTP/1.1: those answers go out through Vert.x sendFile
        java.net.http.HttpClient http11 = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        byte[] all = Files.readAllBytes(first);
        HttpResponse<byte[]> whole = http11.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(node.url(segmentPath(first)))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(whole.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_1_1);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(all);
        assertThat(whole.headers().firstValue("Content-Length")).hasValue("1000");
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("video/MP2T");
        assertThat(whole.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        HttpResponse<byte[]> part = http11.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(node.url(segmentPath(first)))).header("Range", "bytes=10-19").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 10-19/1000");
        assertThat(part.headers().firstValue("Content-Length")).hasValue("10");
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(all, 10, 20));
        // and the connection is still good for the next request
        HttpResponse<String> next = http11.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(node.url("/files"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(next.body()).contains("desertbus");
    }

    @Test
    void headGivesLengthWithoutBody() throws Exception {
        HttpResponse<String> r = node.send("HEAD", segmentPath(first));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Length")).hasValue("1000");
        assertThat(r.body()).isEmpty();
    }

    @Test
    void corsHeadersOnAnswersAndErrors() throws Exception {
        assertThat(node.get("/files").headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(node.get("/segments/a/b/c/.x").headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        HttpResponse<String> preflight = node.send("OPTIONS", "/files");
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).get().asString().contains("GET");
    }

    @Test
    void requestHeadersAreNotEchoedBack() throws Exception {
        HttpResponse<String> r = node.get("/files?start=x", "X-Secret", "value");
        assertThat(r.headers().map().keySet()).noneMatch(k -> k.equalsIgnoreCase("x-secret") || k.equalsIgnoreCase("start"));
    }

    @Test
    void pathTricksNeverLeaveTheStore() throws Exception {
        Files.writeString(base.getParent().resolve("outside-secret.ts"), "CONTENT-OF-THE-OUTSIDE-FILE");
        String[] tricks = {
            "/segments/desertbus/source/2026-11-20T14/..%2F..%2F..%2Foutside-secret.ts",
            "/segments/desertbus/source/..%2F..%2F../outside-secret.ts",
            "/segments/%2e%2e/%2e%2e/%2e%2e/outside-secret.ts",
            "/segments/desertbus/source/2026-11-20T14/%2Fetc%2Fpasswd",
            "/segments/desertbus/source/2026-11-20T14/a%00b.ts",
            "/segments/desertbus/source/2026-11-20T14/a%5Cb.ts",
            "/files/.trash",
            "/files/desertbus/..%2F..",
            "/segments/desertbus/source/2026-11-20T14/../../../../outside-secret.ts",
        };
        for (String trick : tricks) {
            HttpResponse<String> r = node.get(trick);
            assertThat(r.statusCode()).as(trick).isIn(400, 403, 404);
            assertThat(r.body()).as(trick).doesNotContain("CONTENT-OF-THE-OUTSIDE-FILE").doesNotContain("Exception");
        }
        assertThat(node.get("/files/.trash").statusCode()).isEqualTo(403);
        assertThat(node.get("/segments/desertbus/source/2026-11-20T14/a%00b.ts").statusCode()).isEqualTo(403);
    }

    @Test
    void unknownOrJunkSegmentsAre404() throws Exception {
        assertThat(node.get("/segments/desertbus/source/2026-11-20T14/not-a-segment.ts").statusCode()).isEqualTo(404);
        String missing = "/segments/desertbus/source/2026-11-20T14/00:30.000000-2.0-full-AAAA.ts";
        HttpResponse<String> r = node.get(missing);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).endsWith("\n").hasLineCount(1);
    }

    @Test
    void tombstonedSegmentIs404() throws Exception {
        Path victim = new StoreBuilder(base, "desertbus", "source").add("2026-11-20T14:10:00", "2.0", SegmentType.FULL, 5);
        assertThat(node.get(segmentPath(victim)).statusCode()).isEqualTo(200);
        Files.createFile(victim.resolveSibling(victim.getFileName() + ".tombstone"));
        assertThat(node.get(segmentPath(victim)).statusCode()).isEqualTo(404);
    }

    @Test
    void wrongMethodIsRefused() throws Exception {
        assertThat(node.send("DELETE", "/files").statusCode()).isIn(404, 405);
    }

    @Test
    void metricsAreServedInPrometheusFormat() throws Exception {
        node.get("/files");
        HttpResponse<String> r = node.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("# TYPE").contains("routeId=\"restreamer-list-channels\"");
        assertThat(node.get("/observe/metrics").statusCode()).isEqualTo(200);
        assertThat(node.get("/observe/health").body()).contains("UP");
    }

    static String segmentPath(Path file) {
        Path hour = file.getParent();
        return "/segments/" + hour.getParent().getParent().getFileName() + "/" + hour.getParent().getFileName() + "/"
                + hour.getFileName() + "/" + file.getFileName().toString().replace(":", "%3A");
    }
}

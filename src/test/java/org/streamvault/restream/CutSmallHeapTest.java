package org.streamvault.restream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.ChunkedBodies;
import org.streamvault.testing.LongRecording;
import org.streamvault.testing.TestNode;

/**
 * A node whose JVM has a 64 MB heap: a one-hour rough cut (1,800 segments, about 400 MB) is only
 * possible if no part of the path holds the response in memory, and twenty stalled fast cuts only
 * if the chunks they read ahead are bounded across cuts, not per cut alone.
 */
class CutSmallHeapTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void oneHourRoughCutStreamsThroughA64MegabyteHeap(@TempDir Path dir) throws Exception {
        long start = Timestamps.parseUtc("2026-11-20T14:00:00");
        List<Path> hour = LongRecording.build(dir.resolve("store"), "chan", "src", start, 1800);
        long expected = LongRecording.size(hour);
        assertThat(expected).isGreaterThan(64L << 20);

        int port = TestNode.freePort();
        Process node = startNode(dir, port);
        try {
            awaitUp(port, node);
            HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/cut/chan/src.ts?type=rough&start=2026-11-20T14:00:00&end=2026-11-20T15:00:00"))
                    .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofInputStream());

            assertThat(r.statusCode()).isEqualTo(200);
            long received;
            try (InputStream body = r.body()) {
                received = body.transferTo(java.io.OutputStream.nullOutputStream());
            }
            assertThat(received).isEqualTo(expected);
            assertThat(node.isAlive()).isTrue();
        } finally {
            node.destroy();
            if (!node.waitFor(20, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
        assertThat(Files.readString(dir.resolve("node.log"))).doesNotContain("OutOfMemoryError");
    }

    @Test
    void twentyStalledFastCutsAndThenEachReadToItsEndFitA64MegabyteHeap(@TempDir Path dir) throws Exception {
        long start = Timestamps.parseUtc("2026-11-20T14:00:00");
        long sec = Timestamps.MICROS_PER_SECOND;
        LongRecording.build(dir.resolve("store"), "chan", "src", start, 1200); // 20 runs of 120 s
        int port = TestNode.freePort();
        Process node = startNode(dir, port);
        List<Socket> clients = new ArrayList<>();
        try {
            awaitUp(port, node);
            for (int i = 0; i < 20; i++) {
                // inside one run of the recording: two edge encodes, then ~12 MB of copied segments
                long from = start + i * 120 * sec + sec;
                Socket s = new Socket();
                s.setReceiveBufferSize(4096);
                s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                s.setSoTimeout(60_000);
                s.getOutputStream().write(("GET /cut/chan/src.ts?type=fast&start=" + Timestamps.formatIso(from) + "&end="
                        + Timestamps.formatIso(from + 118 * sec) + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                byte[] head = s.getInputStream().readNBytes(12);
                assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
                clients.add(s);
            }
            // every other download stalls, holding what its cut read ahead, while one is read to its end
            for (Socket s : clients) {
                byte[] rest = ChunkedBodies.readToLastChunk(s.getInputStream());
                String tail = new String(rest, rest.length - 7, 7, StandardCharsets.ISO_8859_1);
                assertThat(tail).as("the end of a chunked body").isEqualTo(ChunkedBodies.LAST_CHUNK);
                assertThat(rest.length).isGreaterThan(10 << 20);
            }
            assertThat(node.isAlive()).isTrue();
        } finally {
            for (Socket s : clients) {
                s.close();
            }
            node.destroy();
            if (!node.waitFor(20, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
        assertThat(Files.readString(dir.resolve("node.log"))).doesNotContain("OutOfMemoryError");
    }

    /** The real entry point in its own JVM with {@code -Xmx64m}, on this test's class path. */
    private static Process startNode(Path dir, int port) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-Xmx64m");
        cmd.add("-Dstreamvault.home=" + TestNode.projectRoot());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.streamvault.config.StreamvaultMain");
        cmd.add("streamvault.base-dir=" + dir.resolve("store"));
        cmd.add("streamvault.http.port=" + port);
        cmd.add("camel.server.host=127.0.0.1");
        cmd.add("streamvault.management.port=" + TestNode.freePort());
        cmd.add("camel.main.jmx-enabled=false");
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("node.log").toFile()).start();
    }

    private static void awaitUp(int port, Process node) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertThat(node.isAlive()).as("node process exited during start-up").isTrue();
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/files"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("node did not start within 60 s");
    }
}

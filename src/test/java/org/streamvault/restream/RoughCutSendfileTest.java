package org.streamvault.restream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.Await;
import org.streamvault.testing.ChunkedBodies;
import org.streamvault.testing.LongRecording;
import org.streamvault.testing.TestNode;

/**
 * A rough cut over HTTP/1.x goes out file by file with {@code sendfile} ({@link CutSender}): the
 * bytes a client gets are still the segments, whole and in order, whatever HTTP version it speaks,
 * and a client that goes away leaves no segment file open in the node.
 */
class RoughCutSendfileTest {
    private static final long T0 = Timestamps.parseUtc("2026-11-20T14:00:00");
    private static final int SEGMENTS = 240;

    @TempDir
    static Path dir;
    static List<Path> files;
    static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        files = LongRecording.build(dir.resolve("store"), "chan", "src", T0, SEGMENTS);
        node = TestNode.start(dir.resolve("store"));
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    @Test
    void http10ClientGetsTheSegmentsByteForByteToTheClose() throws Exception {
        byte[] response = exchange("HTTP/1.0", SEGMENTS);

        String text = new String(response, StandardCharsets.ISO_8859_1);
        int bodyStart = text.indexOf("\r\n\r\n") + 4;
        assertThat(text).startsWith("HTTP/1.0 200");
        byte[] body = java.util.Arrays.copyOfRange(response, bodyStart, response.length);
        String head = text.substring(0, bodyStart).toLowerCase(java.util.Locale.ROOT);
        if (head.contains("transfer-encoding: chunked")) {
            body = ChunkedBodies.dechunk(body);
        }
        assertThat(body).isEqualTo(LongRecording.concatenated(files));
    }

    @Test
    void http11ChunkedBodyIsTheSegmentsOneChunkEach() throws Exception {
        List<Path> some = files.subList(0, 10);
        byte[] response = exchange("HTTP/1.1", some.size());

        String text = new String(response, StandardCharsets.ISO_8859_1);
        int bodyStart = text.indexOf("\r\n\r\n") + 4;
        assertThat(text.substring(0, bodyStart).toLowerCase(java.util.Locale.ROOT))
                .contains("transfer-encoding: chunked");
        byte[] body = java.util.Arrays.copyOfRange(response, bodyStart, response.length);
        assertThat(ChunkedBodies.dechunk(body)).isEqualTo(LongRecording.concatenated(some));
        assertThat(text).endsWith("\r\n0\r\n\r\n");
        // a chunk per file, not 1 MB pieces read through the heap: the files went out by sendfile
        List<Long> sizes = new java.util.ArrayList<>();
        for (Path p : some) {
            sizes.add(Files.size(p));
        }
        assertThat(ChunkedBodies.chunkSizes(body)).isEqualTo(sizes);
    }

    @Test
    void clientGoneMidCutLeavesNoSegmentFileOpen() throws Exception {
        long openBefore = openStoreFiles();
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(4096);
            s.connect(new InetSocketAddress("127.0.0.1", node.port()), 5000);
            s.setSoTimeout(20_000);
            s.getOutputStream().write(request("HTTP/1.1", SEGMENTS));
            InputStream in = s.getInputStream();
            assertThat(new String(in.readNBytes(64 * 1024), StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200");
            Await.until("the node holding segment files open for the stalled client", () -> openStoreFiles() > openBefore);
            s.setSoLinger(true, 0); // a reset, as a killed client leaves
        }
        Await.until("every segment file closed after the client went away", () -> openStoreFiles() == openBefore);
        assertThat(node.get("/files/chan").statusCode()).isEqualTo(200);
    }

    private static byte[] exchange(String version, int segments) throws IOException {
        try (Socket s = new Socket("127.0.0.1", node.port())) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write(request(version, segments));
            if (version.equals("HTTP/1.1")) {
                return ChunkedBodies.readToLastChunk(s.getInputStream());
            }
            return s.getInputStream().readAllBytes();
        }
    }

    private static byte[] request(String version, int segments) {
        long end = T0 + segments * 2L * Timestamps.MICROS_PER_SECOND;
        return ("GET /cut/chan/src.ts?type=rough&start=" + Timestamps.formatIso(T0) + "&end=" + Timestamps.formatIso(end)
                + " " + version + "\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Descriptors of this JVM (the node runs in it) open on a file of the store. */
    private static long openStoreFiles() {
        Path store = dir.resolve("store").toAbsolutePath();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).startsWith(store);
                } catch (IOException e) {
                    return false; // closed meanwhile
                }
            }).count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

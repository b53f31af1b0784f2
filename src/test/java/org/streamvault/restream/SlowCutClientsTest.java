package org.streamvault.restream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.LongRecording;
import org.streamvault.testing.TestNode;

/**
 * Clients that start a long download and then stop reading (a phone on a bad link, a paused
 * browser) each keep a Vert.x worker thread while their cut waits for room to write. More of
 * them than Vert.x's default 20 workers must not stop the node from answering playlists.
 */
class SlowCutClientsTest {
    private static final int STALLED_CLIENTS = 30;

    @Test
    void stalledCutDownloadsDoNotStopPlaylistsFromBeingAnswered(@TempDir Path dir) throws Exception {
        LongRecording.build(dir, "chan", "src", Timestamps.parseUtc("2026-11-20T14:00:00"), 300);
        try (TestNode node = TestNode.start(dir)) {
            List<Socket> stalled = new ArrayList<>();
            try {
                // each client got its answer's head, so its download holds a worker; with Vert.x's
                // default pool the 21st never got one
                for (int i = 0; i < STALLED_CLIENTS; i++) {
                    stalled.add(startAndStall(node.port(), "/cut/chan/src.ts?type=rough"
                            + "&start=2026-11-20T14:00:00&end=2026-11-20T14:10:00"));
                }
                HttpResponse<String> r = CompletableFuture.supplyAsync(() -> playlist(node)).get(20, TimeUnit.SECONDS);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).startsWith("#EXTM3U");
            } finally {
                for (Socket s : stalled) {
                    s.close(); // the node stops those cuts and frees their workers
                }
            }
        }
    }

    private static HttpResponse<String> playlist(TestNode node) {
        try {
            return node.get("/playlist/chan/src.m3u8?start=2026-11-20T14:00:00&end=2026-11-20T14:01:00");
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends the request, reads the first bytes of the answer, then never reads again. */
    private static Socket startAndStall(int port, String path) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096); // so the node's writes fill the connection quickly
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        s.setSoTimeout(20_000);
        InputStream in = s.getInputStream();
        byte[] head = new byte[12];
        int n = in.readNBytes(head, 0, head.length);
        assertThat(new String(head, 0, n, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
        return s;
    }
}

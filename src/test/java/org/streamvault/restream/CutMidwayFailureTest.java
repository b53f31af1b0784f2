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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.LogCapture;
import org.streamvault.testing.LongRecording;
import org.streamvault.testing.TestNode;

/**
 * A cut that fails after its first bytes (here: its last segment was deleted while the client was
 * downloading) must not look complete: the connection is dropped before the chunked body's end,
 * so any HTTP client reports a failed transfer, and the node logs one line, no stack trace.
 */
class CutMidwayFailureTest {
    private static final long T0 = Timestamps.parseUtc("2026-11-20T14:00:00");
    private static final int SEGMENTS = 120;

    @Test
    void cutFailingMidwayDropsTheConnectionBeforeTheEndOfTheBodyAndLogsOneLine(@TempDir Path dir) throws Exception {
        List<Path> files = LongRecording.build(dir, "chan", "src", T0, SEGMENTS);
        long size = LongRecording.size(files);
        try (TestNode node = TestNode.start(dir); LogCapture log = LogCapture.start(); Socket s = new Socket()) {
            s.setReceiveBufferSize(4096);
            s.connect(new InetSocketAddress("127.0.0.1", node.port()), 5000);
            s.setSoTimeout(20_000);
            s.getOutputStream().write(("GET /cut/chan/src.ts?type=rough&start=" + Timestamps.formatIso(T0) + "&end="
                    + Timestamps.formatIso(T0 + SEGMENTS * 2 * Timestamps.MICROS_PER_SECOND)
                    + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            got.write(in.readNBytes(64 * 1024));
            assertThat(got.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
            // the node is a few MB ahead of this client at most: the last segment is not open yet
            Files.delete(files.get(SEGMENTS - 1));

            byte[] buf = new byte[1 << 16];
            try {
                for (int n; (n = in.read(buf)) >= 0;) {
                    got.write(buf, 0, n);
                }
            } catch (IOException e) {
                // a reset is as good as an early end
            }

            byte[] all = got.toByteArray();
            assertThat((long) all.length).isLessThan(size);
            String tail = new String(all, Math.max(0, all.length - 5), Math.min(5, all.length), StandardCharsets.ISO_8859_1);
            assertThat(tail).as("the end of a chunked body").isNotEqualTo("0\r\n\r\n");
            assertThat(log.lines("WARN", "CutSender")).singleElement()
                    .satisfies(l -> assertThat(l.message()).contains("resetting the connection"));
            assertThat(log.withStackTraces()).isEmpty();
            assertThat(node.get("/files/chan").statusCode()).isEqualTo(200);
        }
    }
}

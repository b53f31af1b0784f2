package org.streamvault.restream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.streamvault.segments.SegmentType;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestNode;

/**
 * Dot segments are refused with 403 before routing, on every route, over real HTTP. The
 * requests go out on a raw socket, byte for byte, because HTTP clients normalise such paths.
 */
class DotSegmentRouteTest {
    private static TestNode node;
    private static String segment;

    @BeforeAll
    static void start() throws Exception {
        Path base = Files.createTempDirectory("dot-segments");
        segment = new StoreBuilder(base, "desertbus", "source").add("2026-11-20T14:00:00", "2.0", SegmentType.FULL, 100)
                .getFileName().toString();
        node = TestNode.start(base, "streamvault.coverage.enabled", "true");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** Sends {@code GET <rawTarget>} as is; answers the status line and body. */
    static String[] rawGet(String rawTarget) throws IOException {
        try (Socket s = new Socket("127.0.0.1", node.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + rawTarget + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int headEnd = answer.indexOf("\r\n\r\n");
            return new String[] {answer.substring(0, answer.indexOf("\r\n")), answer.substring(headEnd + 4)};
        }
    }

    @Test
    void dotSegmentsAreRefusedOnEveryRoute() throws Exception {
        String[] tricks = {
            "/files/chan/%2e%2e", "/files/chan/%2E%2E", "/files/desertbus/.", "/files/desertbus/%2e", "/files/%2e%2e/",
            "/files/desertbus/source/..", "/segments/desertbus/source/2026-11-20T14/..%2f..%2foutside.ts",
            "/segments/desertbus/source/%2e%2e/2026-11-20T14/" + segment, "/playlist/desertbus/./source.m3u8",
            "/playlist/%2e%2e/desertbus.m3u8", "/cut/desertbus/%2E%2E/source.ts", "/metrics/%2e%2e/metrics",
            "/observe/health/%2e%2e/health", "/observe/jolokia/%2e%2e/jolokia", "/coverage/%2e%2e/",
            "/thrimshim/%2e%2e", "/editor/./", "/%2e%2e/files", "/./files"};
        for (String trick : tricks) {
            String[] answer = rawGet(trick);
            assertThat(answer[0]).as(trick).contains(" 403 ");
            assertThat(answer[1]).as(trick).isEqualTo(DotSegmentGuard.REASON);
        }
    }

    @Test
    void ordinaryPathsStillWork() throws Exception {
        assertThat(rawGet("/files/desertbus")[0]).contains(" 200 ");
        assertThat(rawGet("/segments/desertbus/source/2026-11-20T14/" + segment)[0]).contains(" 200 ");
        assertThat(rawGet("/files/desertbus/source?x=/../..")[0]).contains(" 200 ");
        assertThat(rawGet("/coverage/")[0]).contains(" 200 ");
        assertThat(rawGet("/observe/health")[0]).contains(" 200 ");
    }
}

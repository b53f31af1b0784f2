package org.streamvault.restream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.Await;
import org.streamvault.testing.LogCapture;
import org.streamvault.testing.ProcessWatch;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestMedia;
import org.streamvault.testing.TestNode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that goes away while an image is being made stops its ffmpeg. ffmpeg here reads its
 * input at a twentieth of real time ({@code -readrate 0.05}), so the frame 1.95 s into a segment
 * takes it about 40 s and a 6 s waveform two minutes: ffmpeg gone within seconds of the
 * disconnect proves the disconnect stopped it. Nothing is logged as a failure.
 */
class ImageDisconnectTest {
    @TempDir
    static Path dir;
    static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        StoreBuilder builder = new StoreBuilder(dir.resolve("store"), "chan", "src");
        List<Path> media = TestMedia.numberedFrames();
        long t0 = Timestamps.parseUtc("2026-11-20T14:00:00");
        for (int i = 0; i < media.size(); i++) {
            builder.addFile(t0 + i * 2_000_000L, "2.000", media.get(i));
        }
        Path slowFfmpeg = dir.resolve("slow-ffmpeg");
        Files.writeString(slowFfmpeg, "#!/bin/sh\nexec ffmpeg -readrate 0.05 \"$@\"\n");
        Files.setPosixFilePermissions(slowFfmpeg, PosixFilePermissions.fromString("rwx------"));
        node = TestNode.start(dir.resolve("store"), "streamvault.cut.ffmpeg", slowFfmpeg.toString());
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GET /frame/chan/src.png?timestamp=2026-11-20T14:00:01.95",
        "POST /thumbnail/chan/src.png?timestamp=2026-11-20T14:00:01.95",
        "GET /waveform/chan/src.png?start=2026-11-20T14:00:00&end=2026-11-20T14:00:06&size=100x10",
    })
    void aClientThatGoesAwayStopsFfmpegAndNothingIsLoggedAsAFailure(String request) throws Exception {
        byte[] png = ThumbnailRouteTest.holeTemplate();
        try (LogCapture log = LogCapture.start()) {
            try (Socket socket = new Socket("127.0.0.1", node.port())) {
                OutputStream out = socket.getOutputStream();
                boolean post = request.startsWith("POST");
                out.write((request + " HTTP/1.1\r\nHost: localhost\r\n"
                        + (post ? "Content-Type: image/png\r\nContent-Length: " + png.length + "\r\n" : "") + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                if (post) {
                    out.write(png);
                }
                out.flush();
                Await.until("the image's ffmpeg to run", ProcessWatch.STOP_TIMEOUT,
                        () -> ProcessWatch.ffmpegChildren().stream().anyMatch(c -> c.contains("-readrate")));
                socket.setSoLinger(true, 0); // close with a reset, as a killed client would
            }

            ProcessWatch.awaitNoFfmpegChildren();
            Thread.sleep(300); // let the request's thread notice and finish
            // the capture sees the whole JVM: other test classes' leftovers (a pool of a dropped database) are not ours
            assertThat(log.lines()).filteredOn(l -> l.level().equals("WARN") || l.level().equals("ERROR"))
                    .filteredOn(l -> l.logger().startsWith("org.streamvault.restream") || l.logger().startsWith("io.vertx")
                            || l.logger().startsWith("org.apache.camel"))
                    .isEmpty();
        }
    }
}

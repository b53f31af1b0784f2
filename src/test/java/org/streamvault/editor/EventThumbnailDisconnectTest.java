package org.streamvault.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.Await;
import org.streamvault.testing.EventRows;
import org.streamvault.testing.LogCapture;
import org.streamvault.testing.ProcessWatch;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestDatabase;
import org.streamvault.testing.TestMedia;
import org.streamvault.testing.TestNode;

/**
 * {@code /thrimshim/event-thumbnail/{id}.png} renders with ffmpeg when the row has no saved copy; a
 * client that goes away stops it, as for {@code /frame} ({@code restream/ImageDisconnectTest}: ffmpeg
 * reads at a twentieth of real time, so only the disconnect can stop it this soon). Nothing is
 * logged as a failure.
 */
class EventThumbnailDisconnectTest {
    @TempDir
    Path dir;

    @Test
    void aClientThatGoesAwayStopsTheThumbnailsFfmpeg() throws Exception {
        StoreBuilder builder = new StoreBuilder(dir.resolve("store"), "chan", "src");
        List<Path> media = TestMedia.numberedFrames();
        long t0 = Timestamps.parseUtc("2026-11-20T14:00:00");
        for (int i = 0; i < media.size(); i++) {
            builder.addFile(t0 + i * 2_000_000L, "2.000", media.get(i));
        }
        Path slowFfmpeg = dir.resolve("slow-ffmpeg");
        Files.writeString(slowFfmpeg, "#!/bin/sh\nexec ffmpeg -readrate 0.05 \"$@\"\n");
        Files.setPosixFilePermissions(slowFfmpeg, PosixFilePermissions.fromString("rwx------"));
        try (TestDatabase db = TestDatabase.create()) {
            TestNode.initialise(db);
            EventRows rows = new EventRows(db);
            String id = rows.insertUnedited("Friday", "2026-11-20T14:00:00", null, "Bus", "Slow");
            rows.update("UPDATE events SET thumbnail_mode = 'BARE', thumbnail_time = '2026-11-20 14:00:01.95',"
                    + " video_channel = 'chan', video_quality = 'src' WHERE id = ?", id);
            TestNode node = TestNode.start(dir.resolve("store"), "streamvault.cut.ffmpeg", slowFfmpeg.toString(),
                    "streamvault.editor.enabled", "true", "streamvault.editor.auth.enabled", "false",
                    "streamvault.db.url", db.url(), "streamvault.db.user", db.user());
            try (LogCapture log = LogCapture.start()) {
                try (Socket socket = new Socket("127.0.0.1", node.port())) {
                    OutputStream out = socket.getOutputStream();
                    out.write(("GET /thrimshim/event-thumbnail/" + id + ".png HTTP/1.1\r\nHost: localhost\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Await.until("the thumbnail's ffmpeg to run", ProcessWatch.STOP_TIMEOUT,
                            () -> ProcessWatch.ffmpegChildren().stream().anyMatch(c -> c.contains("-readrate")));
                    socket.setSoLinger(true, 0); // close with a reset, as a killed client would
                }
                ProcessWatch.awaitNoFfmpegChildren();
                Thread.sleep(300); // let the request's thread notice and finish
                assertThat(log.lines()).filteredOn(l -> l.level().equals("WARN") || l.level().equals("ERROR"))
                        .filteredOn(l -> l.logger().startsWith("org.streamvault.editor")
                                || l.logger().startsWith("org.streamvault.restream") || l.logger().startsWith("io.vertx")
                                || l.logger().startsWith("org.apache.camel"))
                        .isEmpty();
            } finally {
                node.close();
            }
        }
    }
}

package org.streamvault.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamvault.backfill.BackfillBetweenNodesTest.CHANNEL;
import static org.streamvault.backfill.BackfillBetweenNodesTest.QUALITY;
import static org.streamvault.backfill.BackfillBetweenNodesTest.hoursAgo;
import static org.streamvault.backfill.BackfillBetweenNodesTest.nodeB;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.SegmentHash;
import org.streamvault.segments.SegmentName;
import org.streamvault.segments.SegmentType;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.FakePeer;
import org.streamvault.testing.Await;
import org.streamvault.testing.StoreFiles;
import org.streamvault.testing.TestNode;

/**
 * A download is written to disk as it arrives, not gathered in memory first: the peer sends half
 * a segment and stalls, and the temp file on B must already hold those bytes.
 */
class BackfillStreamingTest {
    static final int SIZE = 8 * 1024 * 1024;

    @TempDir
    Path dirB;

    @Test
    void segmentBytesReachTheTempFileBeforeThePeerHasSentThemAll() throws Exception {
        byte[] bytes = new byte[SIZE];
        new Random(5).nextBytes(bytes);
        long start = hoursAgo(1) + 60_000_000L;
        String hour = Timestamps.formatHour(start);
        String name = SegmentName.format(start - Timestamps.truncateToHour(start), "2.0", SegmentType.FULL,
                SegmentHash.encode(SegmentHash.newDigest().digest(bytes)));
        CountDownLatch release = new CountDownLatch(1);
        try (FakePeer peer = FakePeer.start(ex -> serve(ex, hour, name, bytes, release));
                TestNode nodeB = TestNode.start(dirB, nodeB(peer.url()))) {
            Path hourDir = dirB.resolve(CHANNEL).resolve(QUALITY).resolve(hour);
            try {
                Await.until("half the body on disk while the peer stalls", Duration.ofSeconds(10),
                        () -> tempBytes(hourDir) >= SIZE / 2);
            } finally {
                release.countDown();
            }
            Await.until("the segment under its final name", Duration.ofSeconds(10),
                    () -> Files.exists(hourDir.resolve(name)));
            assertThat(Files.readAllBytes(hourDir.resolve(name))).isEqualTo(bytes);
            assertThat(tempBytes(hourDir)).isZero();
            assertThat(BackfillBetweenNodesTest.counter(nodeB, "streamvault.backfill.segments")).isEqualTo(1);
        }
    }

    private static void serve(HttpExchange ex, String hour, String name, byte[] bytes, CountDownLatch release)
            throws IOException {
        String path = ex.getRequestURI().getPath();
        if (path.equals("/files/" + CHANNEL + "/" + QUALITY)) {
            FakePeer.answer(ex, 200, "[\"" + hour + "\"]");
        } else if (path.equals("/files/" + CHANNEL + "/" + QUALITY + "/" + hour)) {
            FakePeer.answer(ex, 200, "[\"" + name + "\"]");
        } else if (path.endsWith("/" + name)) {
            ex.getResponseHeaders().set("Content-Type", "video/MP2T");
            ex.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes, 0, bytes.length / 2 + 65536);
                out.flush();
                release.await(15, TimeUnit.SECONDS);
                out.write(bytes, bytes.length / 2 + 65536, bytes.length - bytes.length / 2 - 65536);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            FakePeer.answer(ex, 404, "[]");
        }
    }

    private static long tempBytes(Path hourDir) {
        if (!Files.isDirectory(hourDir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(hourDir)) {
            return files.filter(p -> p.getFileName().toString().contains("-temp-")).mapToLong(p -> p.toFile().length())
                    .sum();
        } catch (IOException e) {
            return 0;
        }
    }
}

package org.streamvault.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamvault.backfill.BackfillBetweenNodesTest.CHANNEL;
import static org.streamvault.backfill.BackfillBetweenNodesTest.QUALITY;
import static org.streamvault.backfill.BackfillBetweenNodesTest.counter;
import static org.streamvault.backfill.BackfillBetweenNodesTest.hoursAgo;
import static org.streamvault.backfill.BackfillBetweenNodesTest.nodeB;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.SegmentType;
import org.streamvault.testing.FakePeer;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.Await;
import org.streamvault.testing.StoreFiles;
import org.streamvault.testing.TestNode;

/** Peers that go away, answer errors or send garbage never stop B copying from the good ones. */
class BackfillFailuresTest {
    @TempDir
    Path dirA;
    @TempDir
    Path dirB;

    @Test
    void peerGoingDownMidPassIsRetriedAndCopiedWhenBack() throws Exception {
        StoreBuilder a = new StoreBuilder(dirA, CHANNEL, QUALITY);
        for (int i = 0; i < 400; i++) {
            a.add(hoursAgo(1) + i * 2_000_000L, "2.0", SegmentType.FULL, 20_000);
        }
        Set<String> expected = StoreFiles.of(dirA);
        TestNode nodeA = TestNode.start(dirA, "streamvault.node-name", "a");
        int portA = nodeA.port();
        try (TestNode nodeB = TestNode.start(dirB, nodeB(nodeA.url(""), "streamvault.backfiller.concurrency", "1"))) {
            Await.until("B to copy its first 20 files", Duration.ofSeconds(10), () -> StoreFiles.of(dirB).size() >= 20);
            nodeA.close();
            Await.until("errors to be counted", Duration.ofSeconds(5),
                    () -> counter(nodeB, "streamvault.backfill.errors") >= 1);
            Set<String> partial = StoreFiles.of(dirB);
            assertThat(partial.size()).isLessThan(expected.size());
            assertThat(partial).allMatch(f -> !f.contains("-temp-")).isSubsetOf(expected);

            nodeA = TestNode.start(dirA, "streamvault.node-name", "a",
                    "streamvault.http.port", Integer.toString(portA));
            Await.until("B catches up once A is back", Duration.ofSeconds(15),
                    () -> StoreFiles.of(dirB).equals(expected));
        } finally {
            nodeA.close();
        }
    }

    @Test
    void garbageAndErrorPeersAreCountedWhileTheGoodPeerIsCopied() throws Exception {
        StoreBuilder a = new StoreBuilder(dirA, CHANNEL, QUALITY);
        for (int i = 0; i < 20; i++) {
            a.add(hoursAgo(2) + i * 2_000_000L, "2.0", SegmentType.FULL, 3000);
        }
        Set<String> expected = StoreFiles.of(dirA);
        FakePeer stalled = FakePeer.start(ex -> sleep(20_000));
        try (FakePeer garbage = FakePeer.start(ex -> FakePeer.answer(ex, 200, "{\"not\": [\"a list\"]} trailing"));
                FakePeer broken = FakePeer.start(ex -> FakePeer.answer(ex, 500, "text/plain", "boom".getBytes()));
                FakePeer numbers = FakePeer.start(ex -> FakePeer.answer(ex, 200, "[1, 2, 3]"));
                TestNode nodeA = TestNode.start(dirA, "streamvault.node-name", "a");
                TestNode nodeB = TestNode.start(dirB, nodeB(stalled.url() + "," + garbage.url() + "," + broken.url()
                        + "," + numbers.url() + "," + nodeA.url("")))) {
            // well within the stalled peer's read timeout (5 s): it never holds the others up
            Await.until("B to hold what A holds", Duration.ofSeconds(4), () -> StoreFiles.of(dirB).equals(expected));
            Await.until("errors to be counted", Duration.ofSeconds(5),
                    () -> counter(nodeB, "streamvault.backfill.errors") >= 3);
            assertThat(nodeB.get("/metrics").body())
                    .contains("streamvault_backfill_errors_total{peer=\"" + broken.url().substring(7) + "\"}");
            stalled.close(); // before node B stops, so its shutdown need not wait out the read timeout
        } finally {
            stalled.close();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

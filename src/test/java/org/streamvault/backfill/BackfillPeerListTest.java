package org.streamvault.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamvault.backfill.BackfillBetweenNodesTest.CHANNEL;
import static org.streamvault.backfill.BackfillBetweenNodesTest.QUALITY;
import static org.streamvault.backfill.BackfillBetweenNodesTest.hoursAgo;
import static org.streamvault.backfill.BackfillBetweenNodesTest.nodeB;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.SegmentType;
import org.streamvault.testing.FakePeer;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.Await;
import org.streamvault.testing.StoreFiles;
import org.streamvault.testing.TestNode;

/** The node file is re-read while the node runs: peers come and go, and this node's own name is never a peer. */
class BackfillPeerListTest {
    @TempDir
    Path dirA;
    @TempDir
    Path dirC;
    @TempDir
    Path dirB;
    @TempDir
    Path etc;

    @Test
    void peersFollowTheNodeFileAndTheOwnNameIsSkipped() throws Exception {
        new StoreBuilder(dirA, CHANNEL, QUALITY).add(hoursAgo(1), "2.0", SegmentType.FULL, 1000);
        new StoreBuilder(dirC, CHANNEL, QUALITY).add(hoursAgo(2), "2.0", SegmentType.FULL, 2000);
        AtomicInteger askedSelf = new AtomicInteger();
        Path nodeFile = etc.resolve("nodes");
        try (FakePeer self = FakePeer.start(ex -> {
            askedSelf.incrementAndGet();
            FakePeer.answer(ex, 500, "[]");
        });
                TestNode a = TestNode.start(dirA, "streamvault.node-name", "a");
                TestNode c = TestNode.start(dirC, "streamvault.node-name", "c")) {
            Files.writeString(nodeFile, "# cluster\nb " + self.url() + "\na " + a.url("") + "\n");
            try (TestNode b = TestNode.start(dirB, nodeB("", "streamvault.backfiller.node-file", nodeFile.toString(),
                    "streamvault.backfiller.peer-refresh-interval", "1"))) {
                Backfiller backfiller = b.camelContext().getRegistry()
                        .lookupByNameAndType("backfiller", Backfiller.class);
                Await.until("B to hold what A holds", Duration.ofSeconds(10),
                        () -> StoreFiles.of(dirB).equals(StoreFiles.of(dirA)));
                assertThat(backfiller.peerUrls()).containsExactly(a.url(""));

                Files.writeString(nodeFile, "c " + c.url("") + "\n");
                Set<String> both = new TreeSet<>(StoreFiles.of(dirA));
                both.addAll(StoreFiles.of(dirC));
                Await.until("B to hold what A and C hold", Duration.ofSeconds(10),
                        () -> StoreFiles.of(dirB).equals(both));
                assertThat(backfiller.peerUrls()).containsExactly(c.url(""));
            }
        }
        assertThat(askedSelf.get()).isZero();
    }
}

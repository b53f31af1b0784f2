package org.streamvault.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamvault.backfill.BackfillBetweenNodesTest.CHANNEL;
import static org.streamvault.backfill.BackfillBetweenNodesTest.QUALITY;
import static org.streamvault.backfill.BackfillBetweenNodesTest.hoursAgo;

import java.nio.file.Path;
import java.util.Set;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.config.NodeExit;
import org.streamvault.segments.SegmentType;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.StoreFiles;
import org.streamvault.testing.TestNode;

/** {@code ./streamvault backfill-once}: one pass, then the node stops with a status saying how it went. */
class BackfillOnceTest {
    @TempDir
    Path dirA;
    @TempDir
    Path dirB;

    static String[] once(String peers) {
        return new String[] {
            "streamvault.backfiller.once", "true",
            "streamvault.backfiller.nodes", peers,
            "streamvault.channels", CHANNEL,
            "streamvault.backfiller.recent-cutoff", "0",
            "streamvault.backfiller.connect-timeout", "1",
        };
    }

    @Test
    void onePassCopiesEverythingThenStopsWithStatusZero() throws Exception {
        seedA();
        Set<String> expected = StoreFiles.of(dirA);
        try (TestNode nodeA = TestNode.start(dirA); TestNode nodeB = TestNode.start(dirB, once(nodeA.url("")))) {
            NodeExit exit = nodeB.camelContext().getRegistry().lookupByNameAndType(NodeExit.BEAN, NodeExit.class);
            assertThat(StoreFiles.await(15_000, () -> nodeB.camelContext().getStatus() == ServiceStatus.Stopped))
                    .isTrue();
            assertThat(exit.codeOr(-1)).isZero();
            assertThat(StoreFiles.of(dirB)).isEqualTo(expected);
        }
    }

    @Test
    void aPeerThatFailedMakesTheStatusNonZero() throws Exception {
        seedA();
        String dead = "http://127.0.0.1:" + TestNode.freePort();
        try (TestNode nodeA = TestNode.start(dirA);
                TestNode nodeB = TestNode.start(dirB, once(dead + "," + nodeA.url("")))) {
            NodeExit exit = nodeB.camelContext().getRegistry().lookupByNameAndType(NodeExit.BEAN, NodeExit.class);
            assertThat(StoreFiles.await(15_000, () -> nodeB.camelContext().getStatus() == ServiceStatus.Stopped))
                    .isTrue();
            assertThat(exit.codeOr(-1)).isEqualTo(1);
            assertThat(StoreFiles.of(dirB)).isEqualTo(StoreFiles.of(dirA));
        }
    }

    private void seedA() {
        StoreBuilder a = new StoreBuilder(dirA, CHANNEL, QUALITY);
        for (int i = 0; i < 5; i++) {
            a.add(hoursAgo(1) + i * 2_000_000L, "2.0", SegmentType.FULL, 1000);
        }
    }
}

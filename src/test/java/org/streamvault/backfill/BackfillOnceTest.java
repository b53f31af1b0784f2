package org.streamvault.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamvault.backfill.BackfillBetweenNodesTest.CHANNEL;
import static org.streamvault.backfill.BackfillBetweenNodesTest.QUALITY;
import static org.streamvault.backfill.BackfillBetweenNodesTest.hoursAgo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.config.NodeExit;
import org.streamvault.segments.SegmentType;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.Await;
import org.streamvault.testing.StoreFiles;
import org.streamvault.testing.TestNode;

/** {@code ./streamvault backfill-once}: one pass, then the node stops with a status saying how it went. */
class BackfillOnceTest {
    @TempDir
    Path dirA;
    @TempDir
    Path dirB;

    static String[] once(String peers, String... more) {
        String[] base = {
            "streamvault.backfiller.once", "true",
            "streamvault.backfiller.nodes", peers,
            "streamvault.channels", CHANNEL,
            "streamvault.backfiller.recent-cutoff", "0",
            "streamvault.backfiller.connect-timeout", "1",
        };
        return Stream.concat(Arrays.stream(base), Arrays.stream(more)).toArray(String[]::new);
    }

    @Test
    void onePassCopiesEverythingThenStopsWithStatusZero() throws Exception {
        seedA();
        Set<String> expected = StoreFiles.of(dirA);
        try (TestNode nodeA = TestNode.start(dirA); TestNode nodeB = TestNode.start(dirB, once(nodeA.url("")))) {
            NodeExit exit = nodeB.camelContext().getRegistry().lookupByNameAndType(NodeExit.BEAN, NodeExit.class);
            Await.until("node B to stop after its one pass", Duration.ofSeconds(15),
                    () -> nodeB.camelContext().getStatus() == ServiceStatus.Stopped);
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
            Await.until("node B to stop after its one pass", Duration.ofSeconds(15),
                    () -> nodeB.camelContext().getStatus() == ServiceStatus.Stopped);
            assertThat(exit.codeOr(-1)).isEqualTo(1);
            assertThat(StoreFiles.of(dirB)).isEqualTo(StoreFiles.of(dirA));
        }
    }

    @Test
    void withDeleteOldTheOnePassAlsoDeletesLocalHoursBeforeTheWindow() throws Exception {
        seedA();
        StoreBuilder b = new StoreBuilder(dirB, CHANNEL, QUALITY);
        b.add(hoursAgo(5), "2.0", SegmentType.FULL, 1000);
        b.add(hoursAgo(5) + 2_000_000L, "2.0", SegmentType.FULL, 1000);
        Path keptLocal = b.add(hoursAgo(2), "2.0", SegmentType.FULL, 1000);
        Set<String> expected = new TreeSet<>(StoreFiles.of(dirA));
        expected.add(dirB.relativize(keptLocal).toString());
        try (TestNode nodeA = TestNode.start(dirA)) {
            try (TestNode nodeB = TestNode.start(dirB, once(nodeA.url(""),
                    "streamvault.backfiller.delete-old", "true", "streamvault.backfiller.start", "3"))) {
                Await.until("node B to stop after its one pass", Duration.ofSeconds(15),
                        () -> nodeB.camelContext().getStatus() == ServiceStatus.Stopped);
                assertThat(StoreFiles.of(dirB)).isEqualTo(expected);
                assertThat(Files.exists(b.hourDir(hoursAgo(5)))).isFalse();
            }
        }
    }

    private void seedA() {
        StoreBuilder a = new StoreBuilder(dirA, CHANNEL, QUALITY);
        for (int i = 0; i < 5; i++) {
            a.add(hoursAgo(1) + i * 2_000_000L, "2.0", SegmentType.FULL, 1000);
        }
    }
}

package org.streamvault.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.metrics.NodeMetrics;
import org.streamvault.segments.SegmentType;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.Await;
import org.streamvault.testing.StoreFiles;
import org.streamvault.testing.TestNode;

/** Two real nodes on loopback: B copies from A over HTTP until it holds what A holds. */
class BackfillBetweenNodesTest {
    static final String CHANNEL = "desertbus";
    static final String QUALITY = "source";
    static final long HOUR = Timestamps.MICROS_PER_HOUR;

    @TempDir
    Path dirA;
    @TempDir
    Path dirB;

    static long hoursAgo(int hours) {
        return Timestamps.truncateToHour(System.currentTimeMillis() * 1000) - hours * HOUR;
    }

    /** Backfiller settings for B, copying from {@code peers}, every second. */
    static String[] nodeB(String peers, String... more) {
        String[] base = {
            "streamvault.node-name", "b",
            "streamvault.backfiller.enabled", "true",
            "streamvault.backfiller.nodes", peers,
            "streamvault.channels", CHANNEL + "!",
            "streamvault.qualities", QUALITY,
            "streamvault.backfiller.interval", "1",
            "streamvault.backfiller.recent-cutoff", "0",
            "streamvault.backfiller.backoff-cap", "1",
            "streamvault.backfiller.connect-timeout", "1",
            "streamvault.backfiller.read-timeout", "5",
        };
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    static double counter(TestNode node, String name) {
        NodeMetrics metrics = node.camelContext().getRegistry().lookupByNameAndType("nodeMetrics", NodeMetrics.class);
        return metrics.registry().find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    static Set<String> withoutTemp(Set<String> files) {
        Set<String> out = new TreeSet<>(files);
        out.removeIf(f -> f.contains("-temp-"));
        return out;
    }

    @Test
    void nodeCopiesEverythingButTempAndBadHashesFromItsPeer() throws Exception {
        StoreBuilder a = new StoreBuilder(dirA, CHANNEL, QUALITY);
        for (int h = 1; h <= 3; h++) {
            for (int i = 0; i < 10; i++) {
                a.add(hoursAgo(h) + i * 2_000_000L, "2.0", SegmentType.FULL, 1000 + i);
            }
        }
        a.add(hoursAgo(1) + 100_000_000L, "2.0", SegmentType.PARTIAL, 500);
        a.add(hoursAgo(1) + 200_000_000L, "2.0", SegmentType.TEMP, 500);
        Path good = a.add(hoursAgo(2) + 300_000_000L, "2.0", SegmentType.FULL, 700);
        // same name, other bytes: the name's hash no longer matches
        Files.write(good, new byte[700]);
        Files.writeString(a.hourDir(hoursAgo(3)).resolve("00:02.000000-2.0-full-x.ts.tombstone"), "");

        try (TestNode nodeA = TestNode.start(dirA, "streamvault.node-name", "a");
                TestNode nodeB = TestNode.start(dirB, nodeB(nodeA.url("")))) {
            Set<String> expected = withoutTemp(StoreFiles.of(dirA));
            expected.remove(dirA.relativize(good).toString());
            Await.until("B converges to A", Duration.ofSeconds(15), () -> StoreFiles.of(dirB).equals(expected));
            Await.until("the hash mismatch to be counted", Duration.ofSeconds(5),
                    () -> counter(nodeB, "streamvault.backfill.hash.mismatches") >= 1);
            assertThat(counter(nodeB, "streamvault.backfill.segments")).isEqualTo(expected.size());
            assertThat(counter(nodeB, "streamvault.backfill.hours")).isEqualTo(3);
            // the first pass ends once it has retried the bad file a few times
            Await.until("a pass to end", Duration.ofSeconds(10), () -> nodeB.get("/metrics").body()
                    .contains("streamvault_backfill_pass_seconds_count{error=\"\",peer="));
            assertThat(nodeB.get("/metrics").body()).contains("streamvault_backfill_fetch_per_unit_seconds_count")
                    .contains("reason=\"hash_mismatch\"");
            Thread.sleep(1500); // another pass or two
            assertThat(StoreFiles.of(dirB)).isEqualTo(expected);
            assertThat(counter(nodeB, "streamvault.backfill.segments")).isEqualTo(expected.size());
        }
    }
}

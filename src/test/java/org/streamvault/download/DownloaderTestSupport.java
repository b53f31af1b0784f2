package org.streamvault.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.SegmentType;
import org.streamvault.testing.FaultyHlsOrigin;
import org.streamvault.testing.StoreContents;
import org.streamvault.testing.TestNode;

/**
 * Starts a fault-injecting origin and a real node recording it with thresholds shrunk to
 * seconds, and asserts on what lands in the store.
 */
abstract class DownloaderTestSupport {
    static final String CHANNEL = "test";
    static final String QUALITY = "source";

    @TempDir
    Path baseDir;
    FaultyHlsOrigin origin;
    TestNode node;

    /** Shrunk thresholds; {@code overrides} replace any of them. */
    TestNode startNode(String... overrides) throws Exception {
        List<String> props = new ArrayList<>(List.of(
                "streamvault.downloader.enabled", "true",
                "streamvault.channels", CHANNEL,
                "streamvault.source." + CHANNEL, origin.masterUrl(),
                "streamvault.downloader.suspect-threshold-seconds", "1.5",
                "streamvault.downloader.give-up-seconds", "15",
                "streamvault.downloader.head-soft-timeout-seconds", "1",
                "streamvault.downloader.head-hard-timeout-seconds", "3",
                "streamvault.downloader.body-soft-timeout-seconds", "6",
                "streamvault.downloader.body-hard-timeout-seconds", "8",
                "streamvault.downloader.poll-interval-seconds", "0.3",
                "streamvault.downloader.retry-down-seconds", "0.5",
                "streamvault.downloader.retry-down-important-seconds", "0.2",
                "streamvault.twitch.retry-down-seconds", "0.5",
                "streamvault.twitch.retry-down-important-seconds", "0.2"));
        props.addAll(Arrays.asList(overrides));
        node = TestNode.start(baseDir, props.toArray(String[]::new));
        return node;
    }

    @AfterEach
    void stopAll() throws Exception {
        if (node != null) {
            node.close();
        }
        if (origin != null) {
            origin.close();
        }
    }

    List<StoreContents.File> files() {
        return StoreContents.list(baseDir, CHANNEL, QUALITY);
    }

    /** The files holding origin segment {@code k}. */
    List<StoreContents.File> files(int k) {
        return files().stream().filter(f -> f.startMicros() == origin.startMicros(k)).toList();
    }

    boolean hasFull(int k) {
        return files(k).stream().anyMatch(f -> f.type() == SegmentType.FULL);
    }

    /** Waits until segments {@code from..to-1} each have a full copy. */
    void awaitFull(int from, int to) throws InterruptedException {
        await(() -> {
            for (int k = from; k < to; k++) {
                if (!hasFull(k)) {
                    return false;
                }
            }
            return true;
        }, Duration.ofSeconds(30), () -> "full copies of segments " + from + ".." + (to - 1));
    }

    void await(BooleanSupplier condition, Duration limit, java.util.function.Supplier<String> what)
            throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what.get() + "; store has: " + describe());
            }
            Thread.sleep(50);
        }
    }

    /** The store for a failure message: how many files, and the first few names. */
    String describe() {
        List<StoreContents.File> all = files();
        return all.size() + " files: " + all.stream().limit(8).map(f -> f.path().getFileName().toString())
                .collect(Collectors.joining(", ")) + (all.size() > 8 ? ", ..." : "");
    }

    /** Every full file hashes to its name and equals what the origin served for that time. */
    void assertFullFilesAreExactCopies() {
        for (StoreContents.File f : files()) {
            if (f.type() == SegmentType.TEMP) {
                continue;
            }
            assertThat(f.hashMatches()).as("hash of %s", f.path()).isTrue();
            if (f.type() == SegmentType.FULL) {
                long k = (f.startMicros() - origin.startMicros(0)) / 2_000_000L;
                assertThat(f.bytes()).as("bytes of %s", f.path()).isEqualTo(origin.bytes((int) k));
            }
        }
    }

    /** A metric line's value from /metrics, 0 if absent. */
    double metric(String name, String... labels) throws Exception {
        String text = node.get("/metrics").body();
        double sum = 0;
        for (String line : text.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean all = true;
            for (String l : labels) {
                all &= line.contains(l);
            }
            if (all) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}

package org.streamvault.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.streamvault.segments.SegmentType;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.FaultyTcpProxy;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.StoreFiles;
import org.streamvault.testing.TestNode;

/**
 * How long node B takes to catch up with node A through a bad link, next to the same copy over a
 * clean link in the same run (issue 20). A and B are real nodes on loopback with the production
 * settings (B's backfiller on, recent-cutoff 0); B's peer is a {@link FaultyTcpProxy} in front of
 * A: without faults for the baseline, cutting one response in six mid-body for the figure, and,
 * shown without a target, cutting one in six and stalling one in twenty for 3–8 s (the link of
 * the issue). Each copy is timed from B's start-up finished until B holds every file of A; the
 * figure is the ratio of medians over the rounds.
 *
 * <p>Run with {@code bench/run BackfillFaultyLinkBench [files] [bytes] [rounds]} (defaults 600
 * files of 200 KB, as in the issue, and 3 rounds). The data lives under a temp directory that is
 * deleted at the end.
 */
public final class BackfillFaultyLinkBench {
    private static final String CHANNEL = "bench";

    private BackfillFaultyLinkBench() {
    }

    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path root = Files.createTempDirectory("streamvault-faulty-link-bench");
        try {
            run(root, files, size, rounds);
        } finally {
            delete(root);
        }
        System.exit(0); // the nodes' non-daemon threads are gone, but be sure the JVM ends
    }

    private static void run(Path root, int files, int size, int rounds) throws Exception {
        Path dirA = root.resolve("a");
        StoreBuilder a = new StoreBuilder(dirA, CHANNEL, "source");
        long hour = Timestamps.truncateToHour(System.currentTimeMillis() * 1000) - Timestamps.MICROS_PER_HOUR;
        Random random = new Random(42);
        byte[] bytes = new byte[size];
        for (int i = 0; i < files; i++) {
            random.nextBytes(bytes);
            a.addBytes(hour + i * 2_000_000L, "2.0", SegmentType.FULL, bytes);
        }
        Set<String> expected = StoreFiles.of(dirA);
        System.out.printf("%d files of %d bytes (%.0f MB); %d rounds%n", files, size, files * (double) size / 1e6,
                rounds);
        double[] clean = new double[rounds];
        double[] cut = new double[rounds];
        double[] cutAndStall = new double[rounds];
        try (TestNode nodeA = TestNode.start(dirA, "streamvault.node-name", "a")) {
            for (int r = 0; r < rounds; r++) {
                clean[r] = copy(nodeA, FaultyTcpProxy.Faults.NONE, root.resolve("clean-" + r), expected, "clean");
                cut[r] = copy(nodeA, FaultyTcpProxy.Faults.NONE.withCut(1.0 / 6).withSeed(100 + r),
                        root.resolve("cut-" + r), expected, "1 in 6 cut");
                cutAndStall[r] = copy(nodeA, FaultyTcpProxy.Faults.NONE.withCut(1.0 / 6)
                        .withStall(1.0 / 20, Duration.ofSeconds(3), Duration.ofSeconds(8)).withSeed(200 + r),
                        root.resolve("stall-" + r), expected, "1 in 6 cut, 1 in 20 stalled 3-8 s");
            }
        }
        double base = median(clean);
        System.out.printf("median clean copy %.2f s%n", base);
        System.out.printf("median copy, 1 in 6 responses cut: %.2f s = %.2f x clean (target <= 3)%n", median(cut),
                median(cut) / base);
        System.out.printf("median copy, 1 in 6 cut and 1 in 20 stalled 3-8 s: %.2f s = %.2f x clean (no target)%n",
                median(cutAndStall), median(cutAndStall) / base);
    }

    /** One copy into a fresh B through a proxy with {@code faults}; seconds until B holds {@code expected}. */
    private static double copy(TestNode nodeA, FaultyTcpProxy.Faults faults, Path dirB, Set<String> expected,
            String what) throws Exception {
        try (FaultyTcpProxy proxy = FaultyTcpProxy.start(nodeA.port(), faults);
                TestNode b = TestNode.start(dirB, "streamvault.node-name", "b",
                        "streamvault.backfiller.enabled", "true",
                        "streamvault.backfiller.nodes", proxy.url(),
                        "streamvault.channels", CHANNEL,
                        "streamvault.qualities", "source",
                        "streamvault.backfiller.recent-cutoff", "0")) {
            long start = System.nanoTime();
            Path hourDir = dirB.resolve(CHANNEL).resolve("source");
            long deadline = start + Duration.ofMinutes(10).toNanos();
            while (finalNames(hourDir) < expected.size()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(what + ": B (port " + b.port() + ") did not catch up in 10 min");
                }
                Thread.sleep(50);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!StoreFiles.of(dirB).equals(expected)) {
                throw new IllegalStateException(what + ": B holds other files than A");
            }
            System.out.printf("%-36s %6.2f s  (%s)%n", what + ":", seconds, proxy.summary());
            return seconds;
        }
    }

    /** Files under their final names in the quality directory (cheaper than a full comparison each poll). */
    private static long finalNames(Path qualityDir) throws IOException {
        if (!Files.isDirectory(qualityDir)) {
            return 0;
        }
        try (Stream<Path> paths = Files.walk(qualityDir)) {
            return paths.filter(p -> p.getFileName().toString().endsWith(".ts")
                    && !p.getFileName().toString().contains("-temp-")).count();
        } catch (java.io.UncheckedIOException e) {
            return 0; // a temp file was renamed or deleted under the walk: look again at the next poll
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

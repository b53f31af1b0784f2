package org.streamvault.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.camel.ServiceStatus;
import org.streamvault.segments.SegmentHash;
import org.streamvault.segments.SegmentName;
import org.streamvault.segments.SegmentType;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.StoreFiles;
import org.streamvault.testing.TestNode;

/**
 * How long node B takes to copy one hour of 2-second segments (1,800 files of ~1 MB) from node A
 * over loopback, next to {@code cp -r} of the same directory in the same run. B runs the real
 * backfill-once mode (node start included) with the default per-peer concurrency.
 *
 * <p>Run with {@code bench/run BackfillBench [files] [bytes]}; the data lives under a temp directory
 * that is deleted at the end.
 */
public final class BackfillBench {
    private BackfillBench() {
    }

    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 1800;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Path root = Files.createTempDirectory("streamvault-backfill-bench");
        try {
            run(root, files, size);
        } finally {
            delete(root);
        }
    }

    private static void run(Path root, int files, int size) throws Exception {
        Path dirA = root.resolve("a");
        long hour = Timestamps.truncateToHour(System.currentTimeMillis() * 1000) - Timestamps.MICROS_PER_HOUR;
        Path hourDir = dirA.resolve("bench/source").resolve(Timestamps.formatHour(hour));
        System.out.printf("writing %d segments of %d bytes...%n", files, size);
        write(hourDir, files, size);

        long cpStart = System.nanoTime();
        Process cp = new ProcessBuilder("cp", "-r", hourDir.toString(), root.resolve("cp-copy").toString())
                .inheritIO().start();
        if (cp.waitFor() != 0) {
            throw new IOException("cp -r failed");
        }
        double cpSeconds = (System.nanoTime() - cpStart) / 1e9;

        Path dirB = root.resolve("b");
        try (TestNode a = TestNode.start(dirA, "streamvault.node-name", "a")) {
            long start = System.nanoTime();
            try (TestNode b = TestNode.start(dirB, "streamvault.node-name", "b",
                    "streamvault.backfiller.once", "true",
                    "streamvault.backfiller.nodes", a.url(""),
                    "streamvault.channels", "bench",
                    "streamvault.qualities", "source",
                    "streamvault.backfiller.recent-cutoff", "0")) {
                if (!StoreFiles.await(600_000, () -> b.camelContext().getStatus() == ServiceStatus.Stopped)) {
                    throw new IllegalStateException("backfill did not finish in 10 minutes");
                }
            }
            double backfillSeconds = (System.nanoTime() - start) / 1e9;
            int copied = StoreFiles.of(dirB).size();
            if (copied != files) {
                throw new IllegalStateException("B holds " + copied + " files, expected " + files);
            }
            System.out.printf("cp -r:    %6.2f s%n", cpSeconds);
            System.out.printf("backfill: %6.2f s  (node B start-up included, %d files, %.0f MB/s)%n",
                    backfillSeconds, copied, (double) files * size / 1e6 / backfillSeconds);
            System.out.printf("ratio:    %6.2f x cp -r (target <= 3)%n", backfillSeconds / cpSeconds);
        }
    }

    private static void write(Path hourDir, int files, int size) throws IOException {
        Files.createDirectories(hourDir);
        SplittableRandom random = new SplittableRandom(42);
        byte[] bytes = new byte[size];
        for (int i = 0; i < files; i++) {
            for (int j = 0; j < size; j += 8) {
                long v = random.nextLong();
                for (int k = 0; k < 8 && j + k < size; k++) {
                    bytes[j + k] = (byte) (v >>> (8 * k));
                }
            }
            String name = SegmentName.format(i * 2_000_000L, "2.0", SegmentType.FULL,
                    SegmentHash.encode(SegmentHash.newDigest().digest(bytes)));
            try (OutputStream out = Files.newOutputStream(hourDir.resolve(name))) {
                out.write(bytes);
            }
        }
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

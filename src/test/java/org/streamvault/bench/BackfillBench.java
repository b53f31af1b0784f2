package org.streamvault.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import com.sun.net.httpserver.HttpExchange;
import org.apache.camel.ServiceStatus;
import org.streamvault.segments.SegmentHash;
import org.streamvault.segments.SegmentName;
import org.streamvault.segments.SegmentType;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.Await;
import org.streamvault.testing.FakePeer;
import org.streamvault.testing.StoreFiles;
import org.streamvault.testing.TestNode;

/**
 * How long node B takes to copy one hour of 2-second segments (1,800 files of ~1 MB) from node A
 * over loopback, next to {@code cp -r} of the same directory in the same run. B runs the real
 * backfill-once mode (node start included) with the default per-peer concurrency. Both copies
 * write the same bytes to the same disk, so each starts after a {@code sync} and is reported
 * twice: when the copier finishes, and when a {@code sync} after it returns. A second backfill
 * from a plain blocking file server (same files, same listings) separates the backfiller's own
 * cost from the cost of a node serving the files.
 *
 * <p>Run with {@code bench/run BackfillBench [files] [bytes] [concurrency]}; the data lives under
 * a temp directory that is deleted at the end.
 */
public final class BackfillBench {
    private static String concurrency;

    private BackfillBench() {
    }

    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 1800;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        concurrency = args.length > 2 ? args[2] : "5";
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

        // Each copy starts with no dirty pages left by the one before, and is timed twice: until
        // the copier is done (data in the page cache) and until a following sync has put it on disk.
        sync();
        long cpStart = System.nanoTime();
        Process cp = new ProcessBuilder("cp", "-r", hourDir.toString(), root.resolve("cp-copy").toString())
                .inheritIO().start();
        if (cp.waitFor() != 0) {
            throw new IOException("cp -r failed");
        }
        double cpSeconds = seconds(cpStart);
        sync();
        double cpSynced = seconds(cpStart);

        double mb = (double) files * size / 1e6;
        System.out.printf("%d files, %.0f MB; times until done / until synced to disk%n", files, mb);
        System.out.printf("cp -r:                 %6.2f s / %6.2f s%n", cpSeconds, cpSynced);
        double[] fromNode;
        try (TestNode a = TestNode.start(dirA, "streamvault.node-name", "a")) {
            fromNode = backfill(a.url(""), root.resolve("b"), files);
        }
        print("backfill from node A:", fromNode, mb);
        try (FakePeer plain = FakePeer.start(ex -> serveFiles(ex, dirA))) {
            print("backfill, plain server:", backfill(plain.url(), root.resolve("b2"), files), mb);
        }
        System.out.printf("ratio (from node A):   %6.2f x / %6.2f x cp -r (target <= 3)%n",
                fromNode[0] / cpSeconds, fromNode[1] / cpSynced);
    }

    /**
     * Runs node B in backfill-once mode against {@code peer}: {seconds, seconds until synced,
     * start-up seconds, CPU seconds this JVM used meanwhile (B, and A when A is a node)}.
     */
    private static double[] backfill(String peer, Path dirB, int files) throws Exception {
        sync();
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        double startUp;
        try (TestNode b = TestNode.start(dirB, "streamvault.node-name", "b",
                "streamvault.backfiller.once", "true",
                "streamvault.backfiller.nodes", peer,
                "streamvault.channels", "bench",
                "streamvault.qualities", "source",
                "streamvault.backfiller.recent-cutoff", "0",
                "streamvault.backfiller.concurrency", concurrency)) {
            startUp = seconds(start);
            Await.until("the backfill to finish", Duration.ofMinutes(10),
                    () -> b.camelContext().getStatus() == ServiceStatus.Stopped);
        }
        double done = seconds(start);
        double cpu = (processCpuNanos() - cpuStart) / 1e9;
        sync();
        double synced = seconds(start);
        int copied = StoreFiles.of(dirB).size();
        if (copied != files) {
            throw new IllegalStateException("B holds " + copied + " files, expected " + files);
        }
        return new double[] {done, synced, startUp, cpu};
    }

    private static void print(String what, double[] t, double mb) {
        System.out.printf("%-22s %6.2f s / %6.2f s  (node B start-up %.2f s included; %.0f MB/s; CPU %.1f s)%n",
                what, t[0], t[1], t[2], mb / t[0], t[3]);
    }

    /** The two requests a backfill makes, answered straight from disk with a blocking copy. */
    private static void serveFiles(HttpExchange ex, Path base) throws IOException {
        String path = ex.getRequestURI().getPath();
        if (path.startsWith("/files/")) {
            Path dir = base.resolve(path.substring("/files/".length()));
            StringBuilder json = new StringBuilder("[");
            if (Files.isDirectory(dir)) {
                try (Stream<Path> list = Files.list(dir)) {
                    list.forEach(p -> json.append(json.length() > 1 ? "," : "").append('"')
                            .append(p.getFileName()).append('"'));
                }
            }
            FakePeer.answer(ex, 200, json.append(']').toString());
        } else {
            Path file = base.resolve(path.substring("/segments/".length()));
            ex.sendResponseHeaders(200, Files.size(file));
            try (OutputStream out = ex.getResponseBody()) {
                Files.copy(file, out);
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void sync() throws IOException, InterruptedException {
        if (new ProcessBuilder("sync").inheritIO().start().waitFor() != 0) {
            throw new IOException("sync failed");
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

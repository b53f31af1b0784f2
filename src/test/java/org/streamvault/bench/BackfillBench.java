package org.streamvault.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import com.sun.net.httpserver.HttpExchange;
import org.apache.camel.ServiceStatus;
import org.streamvault.backfill.Backfiller;
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
 * cost from the cost of a node serving the files. {@code cp -r} and the backfill from node A are
 * repeated for several rounds (4 by default) and the figure is the ratio of their medians; the
 * first round, which also pays for compiling both nodes' code (a running node did that long
 * ago), is left out of the backfill's median and shown on its own. Each round also times one
 * pass of a node B that keeps running (issue #18's figure: what a cluster's nodes do all day),
 * for a channel that A holds only from that round on (hard links of the same hour): a node
 * started for every round, as backfill-once does, pays for start-up and for 1.1-1.8 s of JIT
 * compilation per round even when its code has been compiled before.
 *
 * <p>Run with {@code bench/run BackfillBench [files] [bytes] [concurrency] [rounds]}, as root
 * so that the page cache can be dropped between copies; the data lives under a temp directory
 * that is deleted at the end.
 */
public final class BackfillBench {
    private static final Path DROP_CACHES = Path.of("/proc/sys/vm/drop_caches");
    private static String concurrency;

    private BackfillBench() {
    }

    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 1800;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        concurrency = args.length > 2 ? args[2] : "5";
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        Path root = Files.createTempDirectory("streamvault-backfill-bench");
        try {
            run(root, files, size, rounds);
        } finally {
            delete(root);
        }
    }

    private static void run(Path root, int files, int size, int rounds) throws Exception {
        Path dirA = root.resolve("a");
        long hour = Timestamps.truncateToHour(System.currentTimeMillis() * 1000) - Timestamps.MICROS_PER_HOUR;
        Path hourDir = dirA.resolve("bench/source").resolve(Timestamps.formatHour(hour));
        System.out.printf("writing %d segments of %d bytes...%n", files, size);
        write(hourDir, files, size);
        double mb = (double) files * size / 1e6;

        // Each copy goes to a new directory and starts from the same state: nothing dirty, the
        // page cache emptied (when this user may drop it) and the source read back in. Two effects
        // made the baseline swing between 0.6 s and 5 s without this: on a virtual machine the
        // first write into guest memory the host never backed costs several times a write into
        // recycled memory, and ext4 skips recently deleted inodes when it creates files, so
        // deleting one copy slows the creation of the next for a minute or more.
        if (!canDropCaches()) {
            System.out.println("note: cannot write /proc/sys/vm/drop_caches (not root); figures will vary more");
        }
        Path copies = Files.createDirectories(root.resolve("copies"));
        long needed = (4L * rounds + 1) * files * size;
        if (Files.getFileStore(root).getUsableSpace() < needed + (1L << 30)) {
            throw new IOException("the benchmark keeps every copy until the end and needs "
                    + needed / 1_000_000_000 + " GB free under " + root);
        }
        // cp -r once before each backfill-once and once before each pass of the running node
        Run[] cp = new Run[2 * rounds];
        Run[] fromNode = new Run[rounds];
        Run[] onRunning = new Run[rounds];
        Run plain;
        try (TestNode a = TestNode.start(dirA, "streamvault.node-name", "a");
                FakePeer plainServer = FakePeer.start(ex -> serveFiles(ex, dirA))) {
            for (int r = 0; r < rounds; r++) {
                System.out.printf("backfill-once, round %d of %d%n", r + 1, rounds);
                Path cpTarget = copies.resolve("cp-" + r);
                prepare(hourDir);
                cp[r] = timed(() -> copyWithCp(hourDir, cpTarget));
                prepare(hourDir);
                fromNode[r] = backfill(a.url(""), copies.resolve("node-" + r), files);
            }
            prepare(hourDir);
            plain = backfill(plainServer.url(), copies.resolve("plain"), files);
            // Then a node that keeps running, as nodes do, started after the others are gone so
            // that their start-ups do not compile code in its passes. Its passes are started by
            // hand (its timers are off), each for a channel A has only from that round on.
            StringBuilder passChannels = new StringBuilder();
            for (int r = 0; r < rounds; r++) {
                passChannels.append(r == 0 ? "" : ",").append(passChannel(r));
            }
            Path dirRunningB = copies.resolve("running-b");
            try (TestNode runningB = TestNode.start(dirRunningB, "streamvault.node-name", "b",
                    "streamvault.backfiller.enabled", "false",
                    "streamvault.backfiller.nodes", a.url(""),
                    "streamvault.channels", passChannels.toString(),
                    "streamvault.qualities", "source",
                    "streamvault.backfiller.recent-cutoff", "0",
                    "streamvault.backfiller.concurrency", concurrency)) {
                Backfiller backfiller = runningB.camelContext().getRegistry()
                        .lookupByNameAndType("backfiller", Backfiller.class);
                for (int r = 0; r < rounds; r++) {
                    System.out.printf("pass of a running node, round %d of %d%n", r + 1, rounds);
                    Path cpTarget = copies.resolve("cp-pass-" + r);
                    prepare(hourDir);
                    cp[rounds + r] = timed(() -> copyWithCp(hourDir, cpTarget));
                    // the same files under a new channel (hard links: the same inodes)
                    linkAll(hourDir, dirA.resolve(passChannel(r)).resolve("source").resolve(hourDir.getFileName()));
                    prepare(hourDir);
                    onRunning[r] = pass(backfiller, dirRunningB.resolve(passChannel(r)), files);
                }
            }
        }
        prepare(hourDir);
        double hashOnly = timed(() -> hashAll(hourDir)).done();
        System.out.printf("%d files, %.0f MB; times until done / until synced to disk%n", files, mb);
        for (int r = 0; r < rounds; r++) {
            System.out.printf("round %d:%s%n", r + 1,
                    r == 0 ? " (cold: both nodes run in this JVM and their code is not compiled yet)" : "");
            print("  cp -r:", cp[r], mb);
            print("  backfill from node A:", fromNode[r], mb);
            print("  cp -r:", cp[rounds + r], mb);
            print("  pass of a running node B:", onRunning[r], mb);
        }
        System.out.println("after the rounds:");
        print("  backfill, plain server:", plain, mb);
        System.out.printf("  SHA-256 of the same files only, on every core, page cache warm: %.2f s"
                + " (what any copy that checks the names' hashes adds to a copy's work)%n", hashOnly);

        // cp -r alone swings by 2x between copies made minutes apart on this kind of machine, so
        // the figure compares medians: every cp -r against the warm backfills (rounds 2 and on).
        Run[] warm = Arrays.copyOfRange(fromNode, Math.min(1, rounds - 1), rounds);
        Run[] warmPasses = Arrays.copyOfRange(onRunning, Math.min(1, rounds - 1), rounds);
        for (boolean synced : new boolean[] {false, true}) {
            double cpMedian = median(cp, synced);
            double warmMedian = median(warm, synced);
            double cold = fromNode[0].seconds(synced);
            String when = synced ? "until synced" : "until done  ";
            System.out.printf("%s: median cp -r %.2f s; median backfill-once from node A %.2f s = %.2f x cp -r"
                    + " (issue #5: <= 3); cold first round %.2f s = %.2f x%n",
                    when, cpMedian, warmMedian, warmMedian / cpMedian, cold, cold / cpMedian);
            double passMedian = median(warmPasses, synced);
            System.out.printf("%s: median pass of a running node B %.2f s = %.2f x cp -r (issue #18: <= 1.5)%n",
                    when, passMedian, passMedian / cpMedian);
        }
    }

    private static double median(Run[] runs, boolean synced) {
        double[] values = new double[runs.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = runs[i].seconds(synced);
        }
        Arrays.sort(values);
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    /** Syncs, drops the page cache if allowed, and reads the source back into it. */
    private static void prepare(Path source) throws IOException, InterruptedException {
        sync();
        if (canDropCaches()) {
            Files.writeString(DROP_CACHES, "1");
        }
        byte[] buffer = new byte[1 << 20];
        try (Stream<Path> list = Files.list(source)) {
            for (Path file : list.toList()) {
                try (var in = Files.newInputStream(file)) {
                    while (in.read(buffer) >= 0) {
                        // reading is the point: the source is then in the page cache for every copier
                    }
                }
            }
        }
    }

    /** Hashes every file of {@code dir} as a backfill must, on as many threads as there are cores. */
    private static void hashAll(Path dir) throws IOException {
        List<Path> all;
        try (Stream<Path> list = Files.list(dir)) {
            all = list.toList();
        }
        try {
            all.parallelStream().forEach(file -> {
                MessageDigest digest = SegmentHash.newDigest();
                byte[] buffer = new byte[64 * 1024];
                try (InputStream in = Files.newInputStream(file)) {
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        digest.update(buffer, 0, n);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                digest.digest();
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static boolean canDropCaches() {
        return Files.isWritable(DROP_CACHES);
    }

    private static void copyWithCp(Path from, Path to) throws IOException, InterruptedException {
        Process cp = new ProcessBuilder("cp", "-r", from.toString(), to.toString()).inheritIO().start();
        if (cp.waitFor() != 0) {
            throw new IOException("cp -r failed");
        }
    }

    private interface Copy {
        void run() throws Exception;
    }

    /** One timed copy: until done, until synced, node B's start-up (0 for cp), this JVM's CPU. */
    private record Run(double done, double synced, double startUp, double cpu, String threads) {
        double seconds(boolean untilSynced) {
            return untilSynced ? synced : done;
        }
    }

    private static Run timed(Copy copy) throws Exception {
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        copy.run();
        double done = seconds(start);
        double cpu = (processCpuNanos() - cpuStart) / 1e9;
        sync();
        return new Run(done, seconds(start), 0, cpu, "");
    }

    /**
     * Runs node B in backfill-once mode against {@code peer}, with the CPU this JVM used meanwhile
     * (B, and A when A is a node) in all and per thread group.
     */
    private static Run backfill(String peer, Path dirB, int files) throws Exception {
        Run run = measured(start -> {
            try (TestNode b = TestNode.start(dirB, "streamvault.node-name", "b",
                    "streamvault.backfiller.once", "true",
                    "streamvault.backfiller.nodes", peer,
                    "streamvault.channels", "bench",
                    "streamvault.qualities", "source",
                    "streamvault.backfiller.recent-cutoff", "0",
                    "streamvault.backfiller.concurrency", concurrency)) {
                double startUp = seconds(start);
                Await.until("the backfill to finish", Duration.ofMinutes(10),
                        () -> b.camelContext().getStatus() == ServiceStatus.Stopped);
                return startUp;
            }
        });
        int copied = StoreFiles.of(dirB).size();
        if (copied != files) {
            throw new IllegalStateException("B holds " + copied + " files, expected " + files);
        }
        return run;
    }

    /** One backfill pass of {@code backfiller}'s running node, timed like {@link #backfill}. */
    private static Run pass(Backfiller backfiller, Path channelDirB, int files) throws Exception {
        Run run = measured(start -> {
            if (!backfiller.runOnce()) {
                throw new IllegalStateException("a pass of the running node B failed");
            }
            return 0;
        });
        long copied = StoreFiles.of(channelDirB.getParent()).stream()
                .filter(f -> f.startsWith(channelDirB.getFileName() + "/")).count();
        if (copied != files) {
            throw new IllegalStateException("the running B holds " + copied + " files of its new channel, expected " + files);
        }
        return run;
    }

    /** A backfill to time; returns the seconds its node took to start (0 if it was running). */
    private interface Backfill {
        double run(long startNanos) throws Exception;
    }

    /** Times {@code backfill} until done and until synced, with this JVM's CPU in all and by thread. */
    private static Run measured(Backfill backfill) throws Exception {
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        ThreadCpuSampler sampler = new ThreadCpuSampler();
        Map<String, Long> jvm0 = ThreadCpuSampler.jvmThreadTicks();
        double startUp = backfill.run(start);
        double done = seconds(start);
        double cpu = (processCpuNanos() - cpuStart) / 1e9;
        sampler.stop();
        Map<String, Double> jvm = ThreadCpuSampler.jvmSecondsBetween(jvm0, ThreadCpuSampler.jvmThreadTicks());
        sync();
        double synced = seconds(start);
        StringBuilder threads = new StringBuilder(threadsText(sampler));
        jvm.forEach((kind, seconds) -> threads.append(String.format(", %s %.2f s", kind, seconds)));
        return new Run(done, synced, startUp, cpu, threads.toString());
    }

    private static String passChannel(int round) {
        return "pass" + round;
    }

    private static void linkAll(Path fromDir, Path toDir) throws IOException {
        Files.createDirectories(toDir);
        try (Stream<Path> list = Files.list(fromDir)) {
            for (Path file : list.toList()) {
                Files.createLink(toDir.resolve(file.getFileName()), file);
            }
        }
    }

    private static String threadsText(ThreadCpuSampler sampler) {
        StringBuilder text = new StringBuilder();
        sampler.secondsByGroup().entrySet().stream()
                .filter(e -> e.getValue() >= 0.05)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> text.append(text.isEmpty() ? "" : ", ").append(String.format("%s %.2f s", e.getKey(), e.getValue())));
        return text.toString();
    }

    private static void print(String what, Run run, double mb) {
        System.out.printf("%-26s %6.2f s / %6.2f s  (%.0f MB/s; CPU of this JVM %.1f s%s)%n",
                what, run.done(), run.synced(), mb / run.done(), run.cpu(),
                run.startUp() > 0 ? String.format("; node B start-up %.2f s included", run.startUp()) : "");
        if (!run.threads().isEmpty()) {
            System.out.printf("%-26s CPU by thread: %s%n", "", run.threads());
        }
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

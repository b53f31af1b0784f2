package org.streamvault.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.streamvault.segments.SegmentHash;
import org.streamvault.segments.SegmentType;
import org.streamvault.testing.StoreContents;
import org.streamvault.testing.TestNode;

/**
 * How many live streams one node records on this machine. For each N, a real node records N
 * channels from a local origin (its own JVM) at 6 Mb/s in 2 s segments; after a warm-up, the
 * node's CPU is measured over a window, and the stream "keeps up" when every segment published
 * in the window is saved {@code full} on every channel. The baseline is the CPU cost of only
 * hashing and writing the same bytes, measured during the same window on a thread of its own
 * ({@link ConcurrentBaseline}), so that it meets the same writeback, page cache and filesystem
 * state as the node; the same work measured before the origin starts is printed too.
 *
 * <p>Run: {@code bench/downloader.sh [N ...]} (defaults 10 25 50 75 100).
 */
public final class DownloaderBench {
    private static final long BITRATE = 6_000_000L;
    private static final int SEGMENT_BYTES = (int) (BITRATE * 2 / 8);
    /**
     * Before the window: a node records for days, so the figure is its steady state. After 8 s
     * the JIT was still compiling (~0.1 % of a core per stream in the window at N = 50); after
     * 30 s, 0.09-0.22 %; after 120 s, ~0.04 %; it kept compiling poll-cycle code for minutes,
     * as each stream's cycle runs only once every ~2 s. The JIT's share is printed apart.
     */
    private static final int WARMUP_SECONDS = Integer.getInteger("bench.warmup-seconds", 120);
    private static final int WINDOW_SECONDS = 20;

    private DownloaderBench() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> ns = new ArrayList<>();
        for (String a : args) {
            ns.add(Integer.parseInt(a));
        }
        if (ns.isEmpty()) {
            ns = List.of(10, 25, 50, 75, 100);
        }
        // the node's per-event INFO lines would bury the table
        org.apache.logging.log4j.core.config.Configurator.setRootLevel(org.apache.logging.log4j.Level.WARN);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf("machine: %d cores; stream: %.1f Mb/s, 2 s segments of %d bytes%n",
                Runtime.getRuntime().availableProcessors(), BITRATE / 1e6, SEGMENT_BYTES);

        double[] cold = hashAndWriteCorePercentPerStream(os);
        double baseline = cold[0];
        System.out.printf("baseline, hash + write only: %.2f%% of a core per stream (of which this thread %.2f%%)%n%n",
                baseline, cold[1]);
        System.out.println("   N  keeps up  node CPU (cores)  per stream (% of a core)  segments full/expected");

        Process origin = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BenchOrigin.class.getName(), Long.toString(BITRATE))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String[] hello = new BufferedReader(new InputStreamReader(origin.getInputStream())).readLine().split(" ");
            String masterUrl = hello[1];
            long epoch = Long.parseLong(hello[2]);
            int largest = 0;
            for (int n : ns) {
                Result r = run(os, n, masterUrl, epoch);
                System.out.printf("%4d  %-8s  %16.2f  %24.2f  %d/%d%n", n, r.keepsUp ? "yes" : "NO", r.cores,
                        100 * r.cores / n, r.full, r.expected);
                System.out.printf("      per stream, by thread (%% of a core):%s%n", r.threads);
                double perStream = 100 * r.cores / n;
                System.out.printf("      hash + write beside the node, in the window (its thread): %.3f%%;"
                        + " node = %.2f x that (%.2f x without the JIT compiler threads) (target <= 1.5)%n",
                        r.beside, perStream / r.beside, (perStream - r.jitPercent) / r.beside);
                System.out.printf("      = %.2f x the baseline before the origin started (%.2f x without the JIT"
                        + " compiler threads)%n", perStream / baseline, (perStream - r.jitPercent) / baseline);
                if (!r.keepsUp) {
                    break;
                }
                largest = n;
            }
            System.out.printf("%nlargest N that kept up: %d%n", largest);
        } finally {
            for (Path dir : LEFT_FOR_THE_END) {
                deleteTree(dir);
            }
            origin.getOutputStream().close();
            origin.destroy();
        }
    }

    private record Result(boolean keepsUp, double cores, long full, long expected, double beside, String threads,
            double jitPercent) {
    }

    /**
     * Hash + write measured during the node's window, on a thread of its own, into files it keeps
     * (as the node keeps its segments): the same work in the same conditions as the node's. The
     * baselines this bench used to print, before and after the window, deleted their files every 20
     * segments, so their dirty pages were never written back, and on this kind of virtual machine
     * the kernel's copy into the page cache costs 5-10 times as much while writeback runs (a 1.5 MB file: 0.4-0.8 ms of CPU
     * after a {@code drop_caches}, 3.5-4.3 ms once ~2.4 GB were dirty, the same loop in one JVM).
     * It writes {@value #BESIDE_PER_SECOND} segments a second, about a sixth of the node's rate at
     * N = 50; its thread's CPU is left out of the node's.
     */
    private static final class ConcurrentBaseline {
        private final Path dir;
        private final Thread thread;
        private volatile boolean stopped;
        private volatile long segments;
        private volatile long cpuNanos;

        ConcurrentBaseline(Path dir) {
            this.dir = dir;
            this.thread = new Thread(this::run, "baseline-beside-the-node");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        /** Stops it; its files are deleted when the run is over. */
        void stop() throws InterruptedException {
            stopped = true;
            thread.join();
            LEFT_FOR_THE_END.add(dir);
        }

        long cpuNanos() {
            return cpuNanos;
        }

        long segments() {
            return segments;
        }

        private void run() {
            java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            byte[] segment = new byte[SEGMENT_BYTES];
            new Random(3).nextBytes(segment);
            long cpu0 = threads.getCurrentThreadCpuTime();
            long next = System.nanoTime();
            try {
                for (long i = 0; !stopped; i++) {
                    hashAndWrite(segment, dir.resolve("s" + i + ".ts"));
                    segments = i + 1;
                    cpuNanos = threads.getCurrentThreadCpuTime() - cpu0;
                    next += 1_000_000_000L / BESIDE_PER_SECOND;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static final int BESIDE_PER_SECOND = 4;
    private static final int BENCH_THREADS_LEAD_SECONDS = 20;
    /** The CPU sampler's own thread group. */
    private static final java.util.function.Predicate<String> SAMPLER_THREADS =
            group -> group.startsWith("thread-cpu-sampler");
    /** Thread groups of the bench itself, in the node's JVM: the baseline beside the node and the sampler. */
    private static final java.util.function.Predicate<String> BENCH_THREADS =
            SAMPLER_THREADS.or(group -> group.startsWith("baseline-beside"));

    private static void hashAndWrite(byte[] segment, Path file) throws IOException {
        MessageDigest d = SegmentHash.newDigest();
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int off = 0; off < segment.length; off += 64 * 1024) {
                int len = Math.min(64 * 1024, segment.length - off);
                out.write(segment, off, len);
                d.update(segment, off, len);
            }
        }
        SegmentHash.encode(d.digest());
    }

    /**
     * Where the node's CPU went, per thread group, in % of a core per stream; what the thread
     * API cannot see (JIT compiler, GC, other JVM threads) is the process total minus the rest.
     */
    private static String threadsText(ThreadCpuSampler sampler, double processSeconds, double wallSeconds, int n) {
        StringBuilder text = new StringBuilder();
        double[] seen = {0};
        sampler.secondsByGroup().entrySet().stream()
                .filter(e -> !BENCH_THREADS.test(e.getKey())) // not the node's; left out of processSeconds
                .sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> {
                    seen[0] += e.getValue();
                    double pct = 100 * e.getValue() / wallSeconds / n;
                    if (pct >= 0.005) {
                        text.append(String.format("%n      %-40s %6.3f%%", e.getKey(), pct));
                    }
                });
        text.append(String.format("%n      %-40s %6.3f%%", "(JIT, GC, other JVM threads)",
                100 * (processSeconds - seen[0]) / wallSeconds / n));
        return text.toString();
    }

    private static Result run(OperatingSystemMXBean os, int n, String masterUrl, long epoch) throws Exception {
        Path baseDir = Files.createTempDirectory("streamvault-bench");
        List<String> props = new ArrayList<>(List.of("streamvault.downloader.enabled", "true",
                "streamvault.restreamer.enabled", "false", "streamvault.metrics.enabled", "true"));
        StringBuilder channels = new StringBuilder();
        for (int i = 0; i < n; i++) {
            channels.append(i == 0 ? "" : ",").append("c").append(i);
            props.add("streamvault.source.c" + i);
            props.add(masterUrl);
        }
        props.add("streamvault.channels");
        props.add(channels.toString());
        TestNode node = TestNode.start(baseDir, props.toArray(String[]::new));
        try {
            // The bench's own threads (the baseline beside the node, the CPU sampler) start before
            // the window, so that the JIT has compiled their code by then: their compiles would be
            // counted as the node's.
            Thread.sleep(Math.max(0, WARMUP_SECONDS - BENCH_THREADS_LEAD_SECONDS) * 1000L);
            ConcurrentBaseline beside = new ConcurrentBaseline(Files.createTempDirectory("streamvault-bench-beside"));
            beside.start();
            new ThreadCpuSampler(1000).stopAfter(Math.min(WARMUP_SECONDS, BENCH_THREADS_LEAD_SECONDS) * 1000L);
            ThreadCpuSampler sampler = new ThreadCpuSampler(1000);
            java.util.Map<String, Long> vm0 = ThreadCpuSampler.jvmThreadTicks();
            long beside0 = beside.cpuNanos();
            long besideSegments0 = beside.segments();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            long from = nowMicros();
            Thread.sleep(WINDOW_SECONDS * 1000L);
            long besideNanos = beside.cpuNanos() - beside0;
            long besideSegments = beside.segments() - besideSegments0;
            long cpu1 = os.getProcessCpuTime();
            long t1 = System.nanoTime();
            sampler.stop();
            beside.stop();
            // neither the baseline's thread nor the sampler's is the node
            cpu1 -= besideNanos + (long) (sampler.secondsOf(SAMPLER_THREADS) * 1e9);
            java.util.Map<String, Long> vm1 = ThreadCpuSampler.jvmThreadTicks();
            long to = nowMicros() - 2_000_000L;
            Thread.sleep(3000); // let the window's last segments land
            long firstK = Math.ceilDiv(from - epoch, 2_000_000L);
            long lastK = (to - epoch) / 2_000_000L;
            long expected = (lastK - firstK + 1) * n;
            long full = 0;
            boolean clean = true;
            for (int i = 0; i < n; i++) {
                for (StoreContents.File f : StoreContents.list(baseDir, "c" + i, "source")) {
                    long k = (f.startMicros() - epoch) / 2_000_000L;
                    if (k >= firstK && k <= lastK) {
                        if (f.type() == SegmentType.FULL) {
                            full++;
                        } else if (f.type() != SegmentType.TEMP) {
                            clean = false;
                        }
                    }
                }
            }
            double cores = (cpu1 - cpu0) / (double) (t1 - t0);
            double besidePercent = besideSegments == 0 ? Double.NaN : 100.0 * besideNanos / besideSegments / 2e9;
            return new Result(clean && full == expected, cores, full, expected, besidePercent,
                    threadsText(sampler, (cpu1 - cpu0) / 1e9, (t1 - t0) / 1e9, n)
                    + vmText(vm0, vm1, (t1 - t0) / 1e9, n), jitPercent(vm0, vm1, (t1 - t0) / 1e9, n));
        } finally {
            node.close();
            deleteTree(baseDir);
        }
    }

    /**
     * CPU to SHA-256 and write 2 s of a 6 Mb/s stream, as a percentage of one core's 2 s: of the
     * whole process (as the node is measured) and of this thread alone (no JIT, no GC).
     */
    private static double[] hashAndWriteCorePercentPerStream(OperatingSystemMXBean os) throws IOException {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        byte[] segment = new byte[SEGMENT_BYTES];
        new Random(2).nextBytes(segment);
        Path dir = Files.createTempDirectory("streamvault-bench-baseline");
        int count = 200;
        try {
            long cpu0 = os.getProcessCpuTime();
            long thread0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < count; i++) {
                hashAndWrite(segment, dir.resolve("s" + i + ".ts"));
            }
            double cpuPerSegment = (os.getProcessCpuTime() - cpu0) / (double) count;
            double threadPerSegment = (threads.getCurrentThreadCpuTime() - thread0) / (double) count;
            return new double[] {100 * cpuPerSegment / 2e9, 100 * threadPerSegment / 2e9};
        } finally {
            // Deleted only when the run is over: ext4 scans inodes deleted in the last minutes of
            // the block group when it creates a file, and the node's creates in the window would
            // pay for these deletes (until this session they were deleted every 20 segments).
            LEFT_FOR_THE_END.add(dir);
        }
    }

    private static final List<Path> LEFT_FOR_THE_END = new ArrayList<>();

    private static String vmText(java.util.Map<String, Long> before, java.util.Map<String, Long> after,
            double wallSeconds, int n) {
        StringBuilder text = new StringBuilder();
        ThreadCpuSampler.jvmSecondsBetween(before, after).forEach((kind, seconds) -> text.append(
                String.format("%n        of which %-30s %6.3f%%", kind, 100 * seconds / wallSeconds / n)));
        return text.toString();
    }

    /** The JIT compiler threads' CPU in the window, % of a core per stream. */
    private static double jitPercent(java.util.Map<String, Long> before, java.util.Map<String, Long> after,
            double wallSeconds, int n) {
        return 100 * ThreadCpuSampler.jvmSecondsBetween(before, after).getOrDefault("JIT compiler threads", 0.0)
                / wallSeconds / n;
    }

    private static long nowMicros() {
        return System.currentTimeMillis() * 1000L;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

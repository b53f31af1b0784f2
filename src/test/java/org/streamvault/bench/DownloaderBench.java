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
 * hashing and writing the same bytes, measured in the same run.
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
                // the same work again now, with SHA-256 compiled and the page cache in the state the
                // node left it: the baseline above runs first, in a cold JVM, and counts the JIT
                double[] warm = hashAndWriteCorePercentPerStream(os);
                double perStream = 100 * r.cores / n;
                System.out.printf("      = %.2f x the baseline (%.2f x without the JIT compiler threads);"
                        + " hash + write again after the window: %.2f%% (this thread %.2f%%), = %.2f x that%n",
                        perStream / baseline, (perStream - r.jitPercent) / baseline, warm[0], warm[1],
                        perStream / warm[0]);
                if (!r.keepsUp) {
                    break;
                }
                largest = n;
            }
            System.out.printf("%nlargest N that kept up: %d%n", largest);
        } finally {
            origin.getOutputStream().close();
            origin.destroy();
        }
    }

    private record Result(boolean keepsUp, double cores, long full, long expected, String threads, double jitPercent) {
    }

    /**
     * Where the node's CPU went, per thread group, in % of a core per stream; what the thread
     * API cannot see (JIT compiler, GC, other JVM threads) is the process total minus the rest.
     */
    private static String threadsText(ThreadCpuSampler sampler, double processSeconds, double wallSeconds, int n) {
        StringBuilder text = new StringBuilder();
        double[] seen = {0};
        sampler.secondsByGroup().entrySet().stream()
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
            Thread.sleep(WARMUP_SECONDS * 1000L);
            ThreadCpuSampler sampler = new ThreadCpuSampler(1000);
            java.util.Map<String, Long> vm0 = vmThreadTicks();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            long from = nowMicros();
            Thread.sleep(WINDOW_SECONDS * 1000L);
            long cpu1 = os.getProcessCpuTime();
            long t1 = System.nanoTime();
            sampler.stop();
            java.util.Map<String, Long> vm1 = vmThreadTicks();
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
            return new Result(clean && full == expected, cores, full, expected,
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
                MessageDigest d = SegmentHash.newDigest();
                try (OutputStream out = Files.newOutputStream(dir.resolve("s" + i + ".ts"))) {
                    for (int off = 0; off < segment.length; off += 64 * 1024) {
                        int len = Math.min(64 * 1024, segment.length - off);
                        out.write(segment, off, len);
                        d.update(segment, off, len);
                    }
                }
                SegmentHash.encode(d.digest());
                if (i % 20 == 19) {
                    deleteTree(dir);
                    Files.createDirectories(dir);
                }
            }
            double cpuPerSegment = (os.getProcessCpuTime() - cpu0) / (double) count;
            double threadPerSegment = (threads.getCurrentThreadCpuTime() - thread0) / (double) count;
            return new double[] {100 * cpuPerSegment / 2e9, 100 * threadPerSegment / 2e9};
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * CPU clock ticks so far of the JVM's own threads that the thread API does not show (JIT
     * compiler, GC), keyed {@code kind|tid}, from {@code /proc/self/task/<tid>/stat}; empty where
     * there is no /proc.
     */
    private static java.util.Map<String, Long> vmThreadTicks() {
        java.util.Map<String, Long> ticks = new java.util.TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended
                }
                String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String kind = comm.contains("CompilerThre") ? "JIT compiler threads"
                        : comm.startsWith("GC Thread") || comm.startsWith("G1 ") ? "GC threads" : null;
                if (kind != null) {
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.put(kind + "|" + task.getFileName(), Long.parseLong(f[11]) + Long.parseLong(f[12])); // utime + stime
                }
            }
        } catch (IOException e) {
            return ticks;
        }
        return ticks;
    }

    private static String vmText(java.util.Map<String, Long> before, java.util.Map<String, Long> after,
            double wallSeconds, int n) {
        java.util.Map<String, Long> byKind = new java.util.TreeMap<>();
        after.forEach((key, t) -> byKind.merge(key.substring(0, key.indexOf('|')), t - before.getOrDefault(key, 0L),
                Long::sum)); // a thread that ended in the window is not counted
        StringBuilder text = new StringBuilder();
        byKind.forEach((kind, t) -> text.append(String.format("%n        of which %-30s %6.3f%%", kind,
                100 * t / 100.0 / wallSeconds / n))); // USER_HZ = 100
        return text.toString();
    }

    /** The JIT compiler threads' CPU in the window, % of a core per stream. */
    private static double jitPercent(java.util.Map<String, Long> before, java.util.Map<String, Long> after,
            double wallSeconds, int n) {
        long ticks = 0;
        for (var e : after.entrySet()) {
            if (e.getKey().startsWith("JIT")) {
                ticks += e.getValue() - before.getOrDefault(e.getKey(), 0L);
            }
        }
        return 100 * ticks / 100.0 / wallSeconds / n; // USER_HZ = 100
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

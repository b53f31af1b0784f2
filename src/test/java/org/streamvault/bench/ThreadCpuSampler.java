package org.streamvault.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * CPU time per group of threads (digits in thread names folded, so {@code vert.x-eventloop-thread-3}
 * and {@code -5} add up) while a benchmark runs. Threads that end before the sampler stops are
 * counted up to their last sample, which is why it polls rather than reading once at the end:
 * node B's fetch threads are gone by the time its run is over. The JIT and GC threads are hidden
 * from this API; the process CPU time minus the sum shown here is their share.
 */
final class ThreadCpuSampler {
    private static final long POLL_MILLIS = 20;

    private final long pollMillis;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> first = new ConcurrentHashMap<>();
    private final Map<Long, Long> last = new ConcurrentHashMap<>();
    private final Map<Long, String> groups = new ConcurrentHashMap<>();
    private final Thread poller;
    private volatile boolean stopped;

    ThreadCpuSampler() {
        this(POLL_MILLIS);
    }

    /** Polling every {@code pollMillis}: less often where threads live long, as the poll costs CPU too. */
    ThreadCpuSampler(long pollMillis) {
        this.pollMillis = pollMillis;
        poll(true);
        poller = new Thread(() -> {
            while (!stopped) {
                poll(false);
                try {
                    Thread.sleep(pollMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "thread-cpu-sampler");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll(boolean atStart) {
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long id = info.getThreadId();
            long cpu = threads.getThreadCpuTime(id);
            if (cpu < 0) {
                continue;
            }
            // a thread born after the start counts from zero
            first.putIfAbsent(id, atStart ? cpu : 0L);
            last.put(id, cpu);
            groups.putIfAbsent(id, info.getThreadName().replaceAll("[0-9]+", "#"));
        }
    }

    /** CPU seconds per thread group since the sampler started, largest first in the printout. */
    Map<String, Double> secondsByGroup() {
        Map<String, Double> result = new TreeMap<>();
        last.forEach((id, cpu) -> result.merge(groups.get(id), (cpu - first.get(id)) / 1e9, Double::sum));
        return result;
    }

    /** CPU seconds since the start of the thread groups {@code groups} accepts. */
    double secondsOf(java.util.function.Predicate<String> groups) {
        double sum = 0;
        for (Map.Entry<String, Double> e : secondsByGroup().entrySet()) {
            if (groups.test(e.getKey())) {
                sum += e.getValue();
            }
        }
        return sum;
    }

    /** Polls for {@code millis} (so that its own code is compiled), then stops. */
    void stopAfter(long millis) throws InterruptedException {
        Thread.sleep(millis);
        stop();
    }

    /** Takes a last sample and stops polling. */
    void stop() throws InterruptedException {
        stopped = true;
        poller.join();
        poll(false);
    }

    /**
     * CPU clock ticks so far of the JVM's own threads that the thread API does not show (JIT
     * compiler, GC), keyed {@code kind|tid}, from {@code /proc/self/task/<tid>/stat}; empty where
     * there is no /proc.
     */
    static Map<String, Long> jvmThreadTicks() {
        Map<String, Long> ticks = new TreeMap<>();
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

    /** CPU seconds of each kind of {@link #jvmThreadTicks} between two readings (USER_HZ = 100). */
    static Map<String, Double> jvmSecondsBetween(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Double> byKind = new TreeMap<>();
        after.forEach((key, t) -> byKind.merge(key.substring(0, key.indexOf('|')),
                (t - before.getOrDefault(key, 0L)) / 100.0, Double::sum)); // a thread that ended between is not counted
        return byKind;
    }
}

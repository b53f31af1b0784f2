package org.streamvault.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

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

    /** Takes a last sample and stops polling. */
    void stop() throws InterruptedException {
        stopped = true;
        poller.join();
        poll(false);
    }
}

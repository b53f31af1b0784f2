package org.streamvault.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Times a piece of work (wubloader's {@code timed} helper): wall time and this thread's CPU
 * time, labelled with {@code error} = the simple class name of the exception that ended the
 * work, or empty. Optionally also <em>time per unit of work</em> (per segment for selection,
 * per second of video for cuts and downloads), because a raw latency that grows with the size
 * of the request says nothing about whether the code got slower.
 *
 * <p>For a timing named {@code selection} the series are
 * {@code streamvault_selection_seconds} (wall), {@code streamvault_selection_cpu_seconds},
 * {@code streamvault_selection_per_unit_seconds} and {@code streamvault_selection_units_total}.
 * Tags must come from a bounded set (channel, quality, type, peer); the {@code error} values
 * are bounded by the exception classes the code can throw.
 *
 * <p>Recording never waits on a lock a scrape could hold: meters are created once per error
 * value and cached here, and Micrometer's timers record into atomic adders. Use one instance
 * per tag combination, or {@link #of} per call (cheap after the first).
 *
 * <pre>{@code
 * Timing t = Timing.of(nodeMetrics, "selection", "channel", c, "quality", q);
 * Selection s = t.record(() -> store.select(...), sel -> sel.entries().size());
 * // or, around code that throws checked exceptions:
 * try (Timing.Sample sample = t.start()) {
 *     ... sample.units(seconds); ... // an exception: sample.failed(e) before rethrowing
 * }
 * }</pre>
 */
public final class Timing {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported();
    private static final ConcurrentHashMap<Key, Timing> CACHE = new ConcurrentHashMap<>();

    private record Key(MeterRegistry registry, String name, Tags tags) {
    }

    /** The meters for one value of the {@code error} tag. */
    private record Meters(Timer wall, Timer cpu, Timer perUnit, Counter units) {
    }

    private final MeterRegistry registry;
    private final String name;
    private final Tags tags;
    private final ConcurrentHashMap<String, Meters> byError = new ConcurrentHashMap<>();

    private Timing(MeterRegistry registry, String name, Tags tags) {
        this.registry = registry;
        this.name = name;
        this.tags = tags;
    }

    /** The timing {@code name} with {@code tags} (key, value, key, value ...), shared by all callers. */
    public static Timing of(NodeMetrics metrics, String name, String... tags) {
        return of(metrics.registry(), name, tags);
    }

    public static Timing of(MeterRegistry registry, String name, String... tags) {
        Key key = new Key(registry, name, Tags.of(tags));
        return CACHE.computeIfAbsent(key, k -> new Timing(k.registry, k.name, k.tags));
    }

    /** Runs {@code work} and records its time (no per-unit series). */
    public <T> T record(Supplier<T> work) {
        return record(work, null);
    }

    /**
     * Runs {@code work} and records its time; if {@code units} is given and says the result
     * was more than zero units of work, also the time per unit. An exception is recorded under
     * its class name and rethrown.
     */
    public <T> T record(Supplier<T> work, ToDoubleFunction<? super T> units) {
        try (Sample sample = start()) {
            T result;
            try {
                result = work.get();
            } catch (RuntimeException | Error e) {
                sample.failed(e);
                throw e;
            }
            if (units != null) {
                sample.units(units.applyAsDouble(result));
            }
            return result;
        }
    }

    /** Starts timing on this thread; close the sample (try-with-resources) on the same thread. */
    public Sample start() {
        return new Sample();
    }

    /** One timed run. Not thread-safe: CPU time is the starting thread's. */
    public final class Sample implements AutoCloseable {
        private final long wallStart = System.nanoTime();
        private final long cpuStart = CPU_TIME ? THREADS.getCurrentThreadCpuTime() : 0;
        private double units;
        private String error = "";
        private boolean closed;

        private Sample() {
        }

        /** How much work was done (segments, seconds of video); enables the per-unit series. */
        public Sample units(double amount) {
            this.units = amount;
            return this;
        }

        /** Marks the run as ended by {@code e}; its simple class name becomes the error label. */
        public Sample failed(Throwable e) {
            this.error = e.getClass().getSimpleName();
            return this;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            long wall = System.nanoTime() - wallStart;
            Meters m = meters(error);
            m.wall.record(wall, TimeUnit.NANOSECONDS);
            if (CPU_TIME) {
                m.cpu.record(THREADS.getCurrentThreadCpuTime() - cpuStart, TimeUnit.NANOSECONDS);
            }
            if (units > 0) {
                m.units.increment(units);
                m.perUnit.record((long) (wall / units), TimeUnit.NANOSECONDS);
            }
        }
    }

    private Meters meters(String error) {
        Meters m = byError.get(error);
        if (m == null) {
            m = byError.computeIfAbsent(error, this::register);
        }
        return m;
    }

    private Meters register(String error) {
        Tags t = tags.and("error", error);
        String base = "streamvault." + name;
        return new Meters(
                Timer.builder(base).description("wall time of " + name).tags(t).register(registry),
                Timer.builder(base + ".cpu").description("CPU time of " + name + " on its thread").tags(t)
                        .register(registry),
                Timer.builder(base + ".per.unit").description("wall time of " + name + " per unit of work").tags(t)
                        .register(registry),
                Counter.builder(base + ".units").description("units of work done by " + name).tags(t)
                        .register(registry));
    }
}

package org.streamvault.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TimingTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private Timer timer(String name, String error) {
        return registry.get(name).tag("channel", "c").tag("error", error).timer();
    }

    @Test
    void recordsWallAndCpuTimeWithEmptyErrorLabel() {
        Timing t = Timing.of(registry, "work", "channel", "c");
        long sum = t.record(() -> {
            long s = 0;
            for (int i = 0; i < 5_000_000; i++) {
                s += i ^ (s >>> 3);
            }
            return s;
        });
        assertThat(sum).isNotZero();
        assertThat(timer("streamvault.work", "").count()).isEqualTo(1);
        assertThat(timer("streamvault.work", "").totalTime(TimeUnit.NANOSECONDS)).isPositive();
        assertThat(timer("streamvault.work.cpu", "").totalTime(TimeUnit.NANOSECONDS)).isPositive();
        // without a unit function there is no per-unit series
        assertThat(timer("streamvault.work.per.unit", "").count()).isZero();
    }

    @Test
    void cpuTimeExcludesSleeping() throws Exception {
        Timing t = Timing.of(registry, "sleep", "channel", "c");
        try (Timing.Sample s = t.start()) {
            Thread.sleep(200);
            s.units(1);
        }
        assertThat(timer("streamvault.sleep", "").totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(190);
        assertThat(timer("streamvault.sleep.cpu", "").totalTime(TimeUnit.MILLISECONDS)).isLessThan(100);
    }

    @Test
    void normalisesByUnitsOfWork() throws Exception {
        Timing t = Timing.of(registry, "cut", "channel", "c");
        t.record(() -> {
            sleep(100);
            return 10;
        }, n -> n);
        Timer perUnit = timer("streamvault.cut.per.unit", "");
        assertThat(perUnit.count()).isEqualTo(1);
        // 100 ms over 10 units: about 10 ms each
        assertThat(perUnit.totalTime(TimeUnit.MILLISECONDS)).isBetween(9.0, 60.0);
        assertThat(registry.get("streamvault.cut.units").tag("error", "").counter().count()).isEqualTo(10);
    }

    @Test
    void anExceptionIsRecordedUnderItsSimpleClassNameAndRethrown() {
        Timing t = Timing.of(registry, "fail", "channel", "c");
        assertThatThrownBy(() -> t.record(() -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThat(timer("streamvault.fail", "IllegalStateException").count()).isEqualTo(1);
        assertThat(registry.find("streamvault.fail").tag("error", "").timer()).isNull();
    }

    @Test
    void sampleRecordsTheFailureItWasToldAbout() {
        Timing t = Timing.of(registry, "sample", "channel", "c");
        try (Timing.Sample s = t.start()) {
            s.failed(new java.io.IOException("x")).units(3);
        }
        assertThat(timer("streamvault.sample", "IOException").count()).isEqualTo(1);
    }

    @Test
    void ofReturnsTheSameTimingForTheSameNameAndTags() {
        assertThat(Timing.of(registry, "same", "channel", "c")).isSameAs(Timing.of(registry, "same", "channel", "c"));
        assertThat(Timing.of(registry, "same", "channel", "c")).isNotSameAs(Timing.of(registry, "same", "channel", "d"));
    }

    @Test
    void recordingFromManyThreadsWhileScrapingLosesNothingAndNeverStalls() throws Exception {
        var prometheus = new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
        Timing t = Timing.of(prometheus, "busy", "channel", "c");
        var done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread scraper = new Thread(() -> {
            while (!done.get()) {
                prometheus.scrape();
            }
        });
        scraper.start();
        int threads = 4;
        int each = 20_000;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    for (int j = 0; j < each; j++) {
                        t.record(() -> 1, n -> n);
                    }
                }));
            }
            for (var f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            done.set(true);
            scraper.join(10_000);
            pool.shutdownNow();
        }
        assertThat(prometheus.get("streamvault.busy").tag("error", "").timer().count()).isEqualTo((long) threads * each);
        assertThat(prometheus.scrape()).contains("streamvault_busy_units_total{channel=\"c\",error=\"\"} 80000.0");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

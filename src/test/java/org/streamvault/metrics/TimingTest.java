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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

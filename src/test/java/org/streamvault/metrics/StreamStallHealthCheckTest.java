package org.streamvault.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.Test;
import org.streamvault.config.ConfiguredStream;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.SegmentStore;
import org.streamvault.segments.SegmentType;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.StoreBuilder;

class StreamStallHealthCheckTest {
    private static final long SECOND = Timestamps.MICROS_PER_SECOND;

    @TempDir
    Path base;

    private final AtomicLong now = new AtomicLong(Timestamps.parseUtc("2026-11-20T14:30:00"));

    private HealthCheck check(List<ConfiguredStream> streams) {
        return new StreamStallHealthCheck(new SegmentStore(base), streams, 60 * SECOND, now::get);
    }

    @Test
    void importantStreamWithFreshSegmentIsUp() {
        new StoreBuilder(base, "live", "source").add(now.get() - 10 * SECOND, "2.0", SegmentType.FULL, 100);
        HealthCheck.Result r = check(List.of(new ConfiguredStream("live", "source", true))).call();
        assertThat(r.getState()).isEqualTo(HealthCheck.State.UP);
    }

    @Test
    void importantStreamWhoseNewestSegmentIsTooOldIsDown() {
        new StoreBuilder(base, "live", "source").add(now.get() - 300 * SECOND, "2.0", SegmentType.FULL, 100);
        HealthCheck.Result r = check(List.of(new ConfiguredStream("live", "source", true))).call();
        assertThat(r.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(r.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("live/source").contains("298 s ago"));
    }

    @Test
    void importantStreamWithNothingRecordedIsDown() {
        HealthCheck.Result r = check(List.of(new ConfiguredStream("live", "source", true))).call();
        assertThat(r.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(r.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("no segments"));
    }

    @Test
    void newestSegmentInThePreviousHourCountsWhenTheNewHourIsStillEmpty() throws Exception {
        StoreBuilder b = new StoreBuilder(base, "live", "source");
        b.add(now.get() - 10 * SECOND, "2.0", SegmentType.FULL, 100);
        now.addAndGet(Timestamps.MICROS_PER_HOUR - 1_700 * SECOND); // 14:31:40 -> just into 15:01:40
        java.nio.file.Files.createDirectories(b.hourDir(now.get()));
        // 15:01:40 - 14:29:52 is far beyond 60 s: still DOWN, but found through the older hour
        HealthCheck.Result r = check(List.of(new ConfiguredStream("live", "source", true))).call();
        assertThat(r.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("newest segment ended"));
    }

    @Test
    void streamNotExpectedLiveIsNotDown() {
        new StoreBuilder(base, "quiet", "source").add(now.get() - 3_000 * SECOND, "2.0", SegmentType.FULL, 100);
        HealthCheck.Result r = check(List.of(new ConfiguredStream("quiet", "source", false))).call();
        assertThat(r.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(r.getDetails().get("quiet/source").toString()).contains("not expected live");
    }
}

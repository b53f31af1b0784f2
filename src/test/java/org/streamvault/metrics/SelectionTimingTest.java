package org.streamvault.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.ContainsHolesException;
import org.streamvault.segments.SegmentStore;
import org.streamvault.segments.SegmentType;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.StoreBuilder;

class SelectionTimingTest {
    private static final long HOUR = Timestamps.parseUtc("2026-11-20T14:00:00");

    @TempDir
    Path base;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private SegmentStore store() {
        new StoreBuilder(base, "chan", "source").add(HOUR, "2.0", SegmentType.FULL, 10);
        SegmentStore store = new SegmentStore(base);
        store.setSelectionInterceptor(new SelectionTiming(new NodeMetrics(registry), store));
        return store;
    }

    @Test
    void refusalForHolesIsRecordedWithItsErrorLabel() {
        SegmentStore store = store();
        assertThatThrownBy(() -> store.select("chan", "source", HOUR, HOUR + 10_000_000, false))
                .isInstanceOf(ContainsHolesException.class);
        assertThat(registry.get("streamvault.selection").tags("channel", "chan", "quality", "source",
                "error", "ContainsHolesException").timer().count()).isEqualTo(1);
    }

    @Test
    void namesNotInTheStoreShareOneUnknownSeries() throws Exception {
        SegmentStore store = store();
        for (int i = 0; i < 50; i++) {
            store.select("made-up-" + i, "q" + i, HOUR, HOUR + 2_000_000, true);
        }
        assertThat(registry.get("streamvault.selection").tags("channel", "unknown", "quality", "unknown",
                "error", "").timer().count()).isEqualTo(50);
        assertThat(registry.find("streamvault.selection").timers()).hasSize(1);
    }
}

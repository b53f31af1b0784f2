package org.streamvault.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.SegmentType;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.StoreFiles;

class RetentionTest {
    static final long NOW = Timestamps.parseUtc("2026-11-20T14:30:00Z");

    @TempDir
    Path base;

    @Test
    void deletesOnlyHoursBeforeTheWindowAndLeavesOtherDirectoriesAlone() throws IOException {
        StoreBuilder store = new StoreBuilder(base, "c", "q");
        for (String hour : List.of("2026-11-20T10", "2026-11-20T11", "2026-11-20T12", "2026-11-20T14")) {
            store.add(hour + ":00:00Z", "2.0", SegmentType.FULL, 10);
            store.add(hour + ":00:02Z", "2.0", SegmentType.FULL, 10);
        }
        Files.createDirectories(base.resolve("c/q/notes"));
        Files.writeString(base.resolve("c/q/notes/keep.txt"), "x");
        Files.createDirectories(base.resolve("other/q/2026-11-20T10"));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        int deleted = new RetentionPass(true, base, List.of("c"), List.of("q"), BackfillWindow.parse("2", 0),
                new BackfillMetrics(() -> registry), () -> NOW).run();

        assertThat(deleted).isEqualTo(4);
        assertThat(Files.exists(base.resolve("c/q/2026-11-20T10"))).isFalse();
        assertThat(Files.exists(base.resolve("c/q/2026-11-20T11"))).isFalse();
        assertThat(StoreFiles.of(base)).hasSize(5).allMatch(f -> !f.contains("T10") && !f.contains("T11")
                || f.startsWith("other"));
        assertThat(Files.isDirectory(base.resolve("other/q/2026-11-20T10"))).isTrue();
        assertThat(registry.get("streamvault.backfill.deleted.segments").counter().count()).isEqualTo(4);
    }

    @Test
    void offOrUnboundedDeletesNothingAndMissingDirectoriesAreFine() throws IOException {
        new StoreBuilder(base, "c", "q").add("2020-01-01T00:00:00Z", "2.0", SegmentType.FULL, 10);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        BackfillMetrics metrics = new BackfillMetrics(() -> registry);
        assertThat(new RetentionPass(false, base, List.of("c"), List.of("q"), BackfillWindow.parse("2", 0), metrics,
                () -> NOW).run()).isZero();
        assertThat(new RetentionPass(true, base, List.of("c"), List.of("q"), BackfillWindow.parse("", 0), metrics,
                () -> NOW).run()).isZero();
        assertThat(Retention.deleteHoursBefore(base.resolve("nope/q"), NOW)).isZero();
        assertThat(StoreFiles.of(base)).hasSize(1);
    }
}

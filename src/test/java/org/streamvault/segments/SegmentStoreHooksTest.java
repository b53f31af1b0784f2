package org.streamvault.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.testing.StoreBuilder;

/** The store's reserved names and its selection interceptor. */
class SegmentStoreHooksTest {
    private static final long HOUR = Timestamps.parseUtc("2026-11-20T14:00:00");

    @TempDir
    Path base;

    @Test
    void reservedDirectoryIsNotAChannel() throws Exception {
        new StoreBuilder(base, "chan", "source").add(HOUR, "2.0", SegmentType.FULL, 10);
        Files.createDirectories(base.resolve("coverage-maps/chan"));
        SegmentStore store = new SegmentStore(base);
        assertThat(store.channels()).containsExactly("chan");
        assertThatThrownBy(() -> store.qualities("coverage-maps")).isInstanceOf(StorePathException.class);
    }

    @Test
    void interceptorWrapsEverySelectionAndSeesItsOutcome() throws Exception {
        new StoreBuilder(base, "chan", "source").add(HOUR, "2.0", SegmentType.FULL, 10);
        SegmentStore store = new SegmentStore(base);
        List<String> seen = new ArrayList<>();
        store.setSelectionInterceptor((channel, quality, call) -> {
            try {
                Selection s = call.run();
                seen.add(channel + "/" + quality + " " + s.entries().size());
                return s;
            } catch (ContainsHolesException e) {
                seen.add(channel + "/" + quality + " holes");
                throw e;
            }
        });
        store.select("chan", "source", HOUR, HOUR + 2_000_000, true);
        assertThatThrownBy(() -> store.select("chan", "source", HOUR, HOUR + 4_000_000, false))
                .isInstanceOf(ContainsHolesException.class);
        assertThat(seen).containsExactly("chan/source 1", "chan/source holes");

        store.setSelectionInterceptor(null);
        assertThat(store.select("chan", "source", HOUR, HOUR + 2_000_000, true).entries()).hasSize(1);
        assertThat(seen).hasSize(2);
    }
}

package org.streamvault.bench;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.streamvault.metrics.NodeMetrics;
import org.streamvault.metrics.SelectionTiming;
import org.streamvault.segments.SegmentStore;
import org.streamvault.segments.SegmentType;
import org.streamvault.segments.SelectionInterceptor;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.StoreBuilder;

/**
 * What timing every selection costs: best-segment selection over two cached hours (3,600
 * segments) and over 20 s (10 segments), without an interceptor (baseline) and with
 * {@link SelectionTiming} into a Prometheus registry, in alternating rounds in one JVM.
 */
public final class SelectionTimingBench {
    private static final long HOUR = Timestamps.parseUtc("2026-11-20T14:00:00");

    private SelectionTimingBench() {
    }

    public static void main(String[] args) throws Exception {
        Path base = Files.createTempDirectory("selection-timing-bench");
        StoreBuilder b = new StoreBuilder(base, "chan", "source");
        for (int i = 0; i < 3_600; i++) {
            b.add(HOUR + i * 2_000_000L, "2.0", SegmentType.FULL, 16);
        }
        Thread.sleep(1_100); // past the store's racy-listing margin, so hour listings are cached
        SegmentStore store = new SegmentStore(base);
        SelectionInterceptor timed = new SelectionTiming(
                new NodeMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)), store);
        for (long rangeMicros : new long[] {2 * Timestamps.MICROS_PER_HOUR, 20_000_000L}) {
            int n = rangeMicros > Timestamps.MICROS_PER_HOUR ? 2_000 : 100_000;
            // warm-up: both paths compiled before anything is measured
            store.setSelectionInterceptor(SelectionInterceptor.NONE);
            nanosPerSelection(store, rangeMicros, n);
            store.setSelectionInterceptor(timed);
            nanosPerSelection(store, rangeMicros, n);
            double base0 = Double.MAX_VALUE;
            double timed0 = Double.MAX_VALUE;
            for (int round = 0; round < 5; round++) {
                store.setSelectionInterceptor(SelectionInterceptor.NONE);
                base0 = Math.min(base0, nanosPerSelection(store, rangeMicros, n));
                store.setSelectionInterceptor(timed);
                timed0 = Math.min(timed0, nanosPerSelection(store, rangeMicros, n));
            }
            System.out.printf("range %6.0f s: baseline %9.0f ns/selection, timed %9.0f ns/selection, overhead %+6.0f ns (%+.1f%%)%n",
                    rangeMicros / 1e6, base0, timed0, timed0 - base0, 100 * (timed0 - base0) / base0);
        }
    }

    private static double nanosPerSelection(SegmentStore store, long rangeMicros, int n) throws Exception {
        long start = System.nanoTime();
        int sink = 0;
        for (int i = 0; i < n; i++) {
            sink += store.select("chan", "source", HOUR, HOUR + rangeMicros, true).entries().size();
        }
        long elapsed = System.nanoTime() - start;
        if (sink == 42) {
            System.out.print("");
        }
        return (double) elapsed / n;
    }
}

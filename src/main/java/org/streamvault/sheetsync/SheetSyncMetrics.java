package org.streamvault.sheetsync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sheet sync meters. Labels are bounded by configuration: the worksheets listed, a fixed set of
 * problem kinds and outcomes. Gauges describe the newest pass that read a worksheet: how many of
 * its rows have ids, and how many cells of each problem kind the sheet holds right now.
 */
public final class SheetSyncMetrics {
    /** Every kind of sheet problem a pass reports; gauges exist for all, so a fixed one drops to 0. */
    static final List<String> PROBLEMS = List.of("malformed_time", "malformed_boolean", "missing_id", "duplicate_id");

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> rowsFound = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> problems = new ConcurrentHashMap<>();

    public SheetSyncMetrics(MeterRegistry registry, List<String> worksheets) {
        this.registry = registry;
        for (String w : worksheets) {
            AtomicInteger n = new AtomicInteger();
            rowsFound.put(w, n);
            Gauge.builder("streamvault_sheetsync_rows_found", n, AtomicInteger::get)
                    .description("Rows with an id on the worksheet, as of the newest pass that read it")
                    .tag("worksheet", w).register(registry);
        }
        for (String kind : PROBLEMS) {
            AtomicInteger n = new AtomicInteger();
            problems.put(kind, n);
            Gauge.builder("streamvault_sheetsync_sheet_problems", n, AtomicInteger::get)
                    .description("Cells or rows the newest pass could not use, by kind").tag("kind", kind)
                    .register(registry);
        }
    }

    void succeeded(SyncReport report, long nanos) {
        pass("ok", nanos);
        report.rowsFound().forEach((w, n) -> {
            AtomicInteger g = rowsFound.get(w);
            if (g != null) {
                g.set(n);
            }
        });
        problems.forEach((kind, g) -> g.set(report.problems().getOrDefault(kind, 0)));
        report.rowsChanged().forEach((w, n) -> Counter.builder("streamvault_sheetsync_rows_changed")
                .description("Rows inserted or updated in the database from the sheet (or, in reverse mode, rows"
                        + " corrected in the sheet), by worksheet")
                .tag("worksheet", w).register(registry).increment(n));
        Counter.builder("streamvault_sheetsync_cells_written").description("Cells written into the spreadsheet")
                .register(registry).increment(report.cellsWritten());
        Counter.builder("streamvault_sheetsync_ids_allocated").description("New rows given an id")
                .register(registry).increment(report.idsAllocated());
    }

    /** @param kind {@code api}, {@code database} or {@code internal} */
    void failed(String kind, long nanos) {
        pass("failed", nanos);
        Counter.builder("streamvault_sheetsync_errors").description("Failed sheet sync passes, by what failed")
                .tag("kind", kind).register(registry).increment();
    }

    /** @param reason {@code 429}, {@code 5xx} or {@code io} */
    public void retried(String reason) {
        Counter.builder("streamvault_sheetsync_api_retries").description("Sheets API requests retried, by reason")
                .tag("reason", reason).register(registry).increment();
    }

    private void pass(String outcome, long nanos) {
        Counter.builder("streamvault_sheetsync_passes").description("Sheet sync passes, by outcome")
                .tag("outcome", outcome).register(registry).increment();
        Timer.builder("streamvault_sheetsync_pass").description("Time one sheet sync pass took")
                .tag("outcome", outcome).register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }
}

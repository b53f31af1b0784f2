package org.streamvault.sheetsync;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamvault.db.DatabaseException;
import org.streamvault.db.DatabaseUnavailableException;
import org.streamvault.segments.FailureLog;

/**
 * Runs passes when they are due and keeps their record: metrics, the health history, one log
 * line per failure (a stack trace only for an unexpected kind of failure, once a minute at most).
 */
public final class SyncRunner {
    private static final Logger LOG = LoggerFactory.getLogger(SyncRunner.class);
    /** Failures repeat every few seconds while they last: one line a minute says enough. */
    private static final FailureLog FAILURES = new FailureLog(LOG, 60_000);

    /** One pass of either direction. */
    @FunctionalInterface
    public interface Pass {
        SyncReport run() throws SheetsApiException;
    }

    private final Pass pass;
    private final SyncSchedule schedule;
    private final SyncHistory history;
    private final SheetSyncMetrics metrics;

    public SyncRunner(Pass pass, SyncSchedule schedule, SyncHistory history, SheetSyncMetrics metrics) {
        this.pass = pass;
        this.schedule = schedule;
        this.history = history;
        this.metrics = metrics;
    }

    public boolean due() {
        return schedule.due();
    }

    /** Runs one pass now; never throws. */
    public void runPass() {
        schedule.started();
        long t0 = System.nanoTime();
        try {
            SyncReport report = pass.run();
            history.succeeded();
            metrics.succeeded(report, System.nanoTime() - t0);
            if (!report.rowsChanged().isEmpty() || report.cellsWritten() > 0) {
                LOG.info("sheet sync: {}", report);
            }
        } catch (SheetsApiException e) {
            fail("api", e.getMessage(), t0);
        } catch (DatabaseUnavailableException | DatabaseException e) {
            fail("database", e.getMessage(), t0);
        } catch (RuntimeException e) {
            FAILURES.unexpected("sheet sync pass failed", e);
            fail("internal", String.valueOf(e), t0);
        }
    }

    private void fail(String kind, String reason, long t0) {
        history.failed(reason);
        metrics.failed(kind, System.nanoTime() - t0);
        FAILURES.expected("sheet sync pass failed (" + kind + "): " + reason);
    }

    public SyncHistory history() {
        return history;
    }
}

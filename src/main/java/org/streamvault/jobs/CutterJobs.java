package org.streamvault.jobs;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamvault.db.DatabaseException;
import org.streamvault.db.DatabaseUnavailableException;
import org.streamvault.segments.FailureLog;

/**
 * What the cutter routes call: turns camel-sql's rows into {@link Job}s for the
 * {@link CutterWorker}, which is built on first use (after the node has started). Nothing runs
 * before the database is ready (schema applied); an outage is one log line, not a stack trace.
 */
public final class CutterJobs {
    private static final Logger LOG = LoggerFactory.getLogger(CutterJobs.class);
    private final FailureLog failures = new FailureLog(LOG, 60_000);
    private final Supplier<CutterWorker> factory;
    private final Supplier<String> notReady;
    private volatile CutterWorker worker;

    /** {@code notReady} gives why the database cannot be used yet, or null once it can. */
    public CutterJobs(Supplier<CutterWorker> factory, Supplier<String> notReady) {
        this.factory = factory;
        this.notReady = notReady;
    }

    /** Whether the poll may run its query: false (quietly) until the schema is in place. */
    public boolean databaseReady() {
        return notReady.get() == null;
    }

    /** Body: the EDITED rows, as camel-sql selects them. Returns the outcome, or null if none was taken. */
    public CutterWorker.Outcome workThrough(List<Map<String, Object>> rows) throws SQLException {
        List<Job> candidates = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            candidates.add(JobStore.toJob(row));
        }
        try {
            return worker().workThrough(candidates);
        } catch (DatabaseUnavailableException e) {
            failures.expected("cutter: " + e.getMessage() + "; trying again at the next poll");
            return null;
        }
    }

    public int checkTranscoding() {
        if (!databaseReady()) {
            return 0;
        }
        try {
            return worker().checkTranscoding();
        } catch (DatabaseUnavailableException e) {
            failures.expected("cutter transcode check: " + e.getMessage() + "; trying again later");
            return 0;
        } catch (RuntimeException e) {
            failures.unexpected("cutter transcode check failed", e);
            return 0;
        }
    }

    /** The updater's round: MODIFIED rows sent to their backends (see {@link CutterWorker#updateModified}). */
    public int updateModified() {
        if (!databaseReady()) {
            return 0;
        }
        try {
            return worker().updateModified().size();
        } catch (DatabaseUnavailableException e) {
            failures.expected("cutter updater: " + e.getMessage() + "; trying again later");
            return 0;
        } catch (RuntimeException e) {
            failures.unexpected("cutter updater failed", e);
            return 0;
        }
    }

    /** The poll's query failed (database down, or its tables gone): one line, rate-limited. */
    public void pollFailed(Exception e) {
        if (isOutage(e)) {
            failures.expected("cutter: cannot read the queue: " + CutterWorker.oneLine(rootCause(e))
                    + "; trying again at the next poll");
        } else {
            failures.unexpected("cutter: polling the queue failed", e);
        }
    }

    /**
     * An outage rather than a bug: our own database exceptions, a pool timeout, or an SQL state
     * for a lost connection (08), a missing database (3D) or table (42P01), a server shutting
     * down or starting (57P0x), refused credentials (28), anywhere in the cause chain.
     */
    static boolean isOutage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseUnavailableException || t instanceof java.sql.SQLTransientConnectionException) {
                return true;
            }
            String state = t instanceof SQLException sql ? sql.getSQLState()
                    : t instanceof DatabaseException db ? db.sqlState() : null;
            if (state != null && (state.startsWith("08") || state.startsWith("3D") || state.equals("42P01")
                    || state.startsWith("57P0") || state.startsWith("28"))) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private CutterWorker worker() {
        CutterWorker w = worker;
        if (w == null) {
            synchronized (this) {
                if (worker == null) {
                    worker = factory.get();
                }
                w = worker;
            }
        }
        return w;
    }
}

package org.streamvault.jobs;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the cutter routes call: turns camel-sql's rows into {@link Job}s for the
 * {@link CutterWorker}, which is built on first use (after the node has started).
 */
public final class CutterJobs {
    private final Supplier<CutterWorker> factory;
    private volatile CutterWorker worker;

    public CutterJobs(Supplier<CutterWorker> factory) {
        this.factory = factory;
    }

    /** Body: the EDITED rows, as camel-sql selects them. Returns the outcome, or null if none was taken. */
    public CutterWorker.Outcome workThrough(List<Map<String, Object>> rows) throws SQLException {
        List<Job> candidates = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            candidates.add(JobStore.toJob(row));
        }
        return worker().workThrough(candidates);
    }

    public int checkTranscoding() {
        return worker().checkTranscoding();
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

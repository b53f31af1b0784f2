package org.streamvault.db;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the schema when the node starts, before any component uses the database, and keeps
 * trying while PostgreSQL is unreachable: one log line per attempt, waits doubling from 1 s to
 * {@code maxDelayMillis}. Until it has succeeded {@link #problem()} says why, for the health
 * check, and components that need the database skip their work.
 */
public final class SchemaStartup implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaStartup.class);
    private static final long FIRST_DELAY_MILLIS = 1_000;

    private final Database database;
    private final long maxDelayMillis;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "streamvault-db-schema");
        t.setDaemon(true);
        return t;
    });
    private volatile String problem = "the database schema has not been applied yet";
    private boolean unexpectedLogged;

    public SchemaStartup(Database database, long maxDelayMillis) {
        this.database = database;
        this.maxDelayMillis = Math.max(FIRST_DELAY_MILLIS, maxDelayMillis);
    }

    /** First attempt on the calling thread (so a reachable database is ready before routes start), retries in the background. */
    public void start() {
        if (!attempt(1, FIRST_DELAY_MILLIS)) {
            schedule(2, FIRST_DELAY_MILLIS);
        }
    }

    /** True once the schema is in place. */
    public boolean isReady() {
        return database.isSchemaApplied();
    }

    /** Why the database cannot be used yet, in one line; null once the schema is in place. */
    public String problem() {
        return isReady() ? null : problem;
    }

    private void schedule(int attempt, long delayMillis) {
        try {
            retries.schedule(() -> {
                long next = Math.min(maxDelayMillis, delayMillis * 2);
                if (!attempt(attempt, next)) {
                    schedule(attempt + 1, next);
                }
            }, delayMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            // the node is stopping
        }
    }

    private boolean attempt(int attempt, long nextDelayMillis) {
        try {
            database.ensureSchema();
            if (attempt > 1) {
                LOG.info("database ready after {} attempts", attempt);
            }
            return true;
        } catch (DatabaseUnavailableException e) {
            // the pool only says it timed out; a plain connection says why (no such database, refused...)
            String why = database.connectionProblem();
            problem = why == null ? e.getMessage() : "database unreachable: " + why;
            LOG.warn("database not ready (attempt {}): {}; retrying in {} s", attempt, problem, nextDelayMillis / 1000.0);
            return false;
        } catch (DatabaseException e) {
            problem = e.getMessage();
            LOG.warn("database not ready (attempt {}): {}; retrying in {} s", attempt, e.getMessage(),
                    nextDelayMillis / 1000.0);
            return false;
        } catch (RuntimeException e) {
            problem = "applying the schema failed: " + Database.oneLine(e);
            if (!unexpectedLogged) {
                unexpectedLogged = true;
                LOG.error("applying the database schema failed unexpectedly (attempt {}); retrying in {} s", attempt,
                        nextDelayMillis / 1000.0, e);
            } else {
                LOG.warn("database not ready (attempt {}): {}; retrying in {} s", attempt, problem, nextDelayMillis / 1000.0);
            }
            return false;
        }
    }

    @Override
    public void close() {
        retries.shutdownNow();
    }
}

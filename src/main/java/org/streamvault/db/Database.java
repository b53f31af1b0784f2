package org.streamvault.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL connection pool, with the habits every query relies on:
 * <ul>
 * <li><b>SERIALIZABLE</b> isolation, so concurrent nodes see results as if their transactions
 * ran one after another, and races between cutters become retried failures instead of
 * double uploads;</li>
 * <li><b>autocommit</b> by default (almost every use is a single statement), with
 * {@link #transaction} for multi-statement work;</li>
 * <li>serialization failures (40001) and deadlocks (40P01) retried automatically, with
 * jittered backoff, up to {@link #MAX_ATTEMPTS};</li>
 * <li>the schema applied idempotently, under an advisory lock so nodes starting at the same
 * moment take turns: by {@link SchemaStartup} when a node starts, else on first use.</li>
 * </ul>
 */
public final class Database implements AutoCloseable {
    static final int MAX_ATTEMPTS = 10;
    /** Arbitrary constant naming the schema lock among advisory locks; shared by every node. */
    private static final long SCHEMA_LOCK = 0x5747_5641_554C_5401L;
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /**
     * Applied in this order, one transaction each: enum values first, since a value added by
     * ALTER TYPE cannot be used before its transaction commits.
     */
    private static final String[] SCHEMA_FILES = {"/db/schema-types.sql", "/db/schema.sql"};

    private final HikariDataSource pool;
    private final String jdbcUrl;
    private final java.util.Properties probeProperties = new java.util.Properties();
    private volatile boolean schemaApplied;

    public Database(String jdbcUrl, String user, String password, int maxConnections) {
        this(jdbcUrl, user, password, maxConnections, 5_000);
    }

    /** @param connectTimeoutMillis how long a use waits for a connection before the database counts as down */
    public Database(String jdbcUrl, String user, String password, int maxConnections, long connectTimeoutMillis) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        this.jdbcUrl = jdbcUrl;
        if (user != null && !user.isEmpty()) {
            probeProperties.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            probeProperties.setProperty("password", password);
        }
        String seconds = Long.toString(Math.max(1, (connectTimeoutMillis + 999) / 1000));
        probeProperties.setProperty("connectTimeout", seconds);
        probeProperties.setProperty("loginTimeout", seconds);
        if (user != null && !user.isEmpty()) {
            config.setUsername(user);
        }
        if (password != null && !password.isEmpty()) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(maxConnections);
        config.setAutoCommit(true);
        config.setTransactionIsolation("TRANSACTION_SERIALIZABLE");
        config.setPoolName("streamvault-db");
        // Start even while the database is down; every use retries the connection.
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(connectTimeoutMillis);
        this.pool = new HikariDataSource(config);
    }

    /** The pooled data source (SERIALIZABLE, autocommit), for camel-sql endpoints. */
    public DataSource dataSource() {
        return pool;
    }

    /** One autocommitted unit of work (usually a single statement), retried on serialization failure. */
    public <T> T query(SqlWork<T> work) {
        return withRetry(work, false);
    }

    /** Several statements in one transaction, committed together or not at all, retried as a whole. */
    public <T> T transaction(SqlWork<T> work) {
        return withRetry(work, true);
    }

    /**
     * Why a connection cannot be made, as the driver says it (the pool only reports a timeout),
     * from one plain connection outside the pool; null if it can be made.
     */
    public String connectionProblem() {
        try (Connection c = java.sql.DriverManager.getConnection(jdbcUrl, probeProperties)) {
            return c.isValid(5) ? null : "the connection is not valid";
        } catch (SQLException e) {
            return oneLine(e);
        }
    }

    /** True once this pool has applied the schema (it never becomes false again). */
    public boolean isSchemaApplied() {
        return schemaApplied;
    }

    /** Applies the schema if this process has not yet done so. Safe to call from many threads. */
    public void ensureSchema() {
        if (schemaApplied) {
            return;
        }
        synchronized (this) {
            if (!schemaApplied) {
                for (String file : SCHEMA_FILES) {
                    String sql = schemaText(file);
                    transactionWithoutSchema(c -> {
                        try (Statement st = c.createStatement()) {
                            // READ COMMITTED: a SERIALIZABLE snapshot would be taken before the lock is
                            // granted and miss what the node holding it committed (its migration, say).
                            st.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
                            st.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
                            st.execute(sql);
                        }
                        return null;
                    });
                }
                schemaApplied = true;
                LOG.info("database schema is in place");
            }
        }
    }

    private <T> T withRetry(SqlWork<T> work, boolean inTransaction) {
        ensureSchema();
        return inTransaction ? transactionWithoutSchema(work) : attempt(work, false);
    }

    private <T> T transactionWithoutSchema(SqlWork<T> work) {
        return attempt(work, true);
    }

    private <T> T attempt(SqlWork<T> work, boolean inTransaction) {
        for (int attempt = 1;; attempt++) {
            try (Connection c = pool.getConnection()) {
                if (!inTransaction) {
                    return work.run(c);
                }
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(c);
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                if (isRetryable(e) && attempt < MAX_ATTEMPTS) {
                    backoff(attempt);
                    continue;
                }
                if (isConnectionFailure(e)) {
                    throw new DatabaseUnavailableException("database unreachable: " + oneLine(e), e);
                }
                throw new DatabaseException(e);
            }
        }
    }

    static boolean isRetryable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && ("40001".equals(s.getSQLState()) || "40P01".equals(s.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * No connection could be had: refused or timed out (08, or the pool's own timeout, which
     * carries no state), no such database yet (3D000), a server shutting down or starting (57P0x),
     * refused credentials (28). All are outages to report in one line, not bugs.
     */
    private static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        if (e instanceof java.sql.SQLTransientConnectionException || e.getClass().getSimpleName().contains("Timeout")) {
            return true;
        }
        return state != null && (state.startsWith("08") || state.startsWith("3D") || state.startsWith("57P0")
                || state.startsWith("28"));
    }

    private static void backoff(int attempt) {
        long cap = Math.min(1_000, 10L << Math.min(attempt, 7));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new DatabaseUnavailableException("interrupted while retrying a serialization failure", ie);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.debug("rollback failed: {}", e.getMessage());
        }
    }

    static String oneLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static String schemaText(String file) {
        try (InputStream in = Database.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException(file + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}

package org.streamvault.metrics;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * DOWN when the configured database cannot be reached: opens a plain JDBC connection (no pool,
 * so a pool's cached connection cannot hide an outage) and asks it whether it is valid, and
 * while the schema has not been applied yet (the node retries that in the background). Registered only when {@code streamvault.db.url} is set. Readiness only.
 */
public final class DatabaseHealthCheck extends AbstractHealthCheck {
    private static final int TIMEOUT_SECONDS = 5;
    private final String url;
    private final String user;
    private final String password;
    private final Supplier<String> notReady;

    /** {@code notReady} gives why the node cannot use the database yet (schema not applied), or null. */
    public DatabaseHealthCheck(String url, String user, String password, Supplier<String> notReady) {
        super("streamvault", "database");
        this.url = url;
        this.user = user;
        this.password = password;
        this.notReady = notReady;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Properties props = new Properties();
        // PostgreSQL driver options (seconds); other drivers ignore unknown properties.
        props.setProperty("connectTimeout", Integer.toString(TIMEOUT_SECONDS));
        props.setProperty("loginTimeout", Integer.toString(TIMEOUT_SECONDS));
        if (user != null && !user.isEmpty()) {
            props.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            props.setProperty("password", password);
        }
        try (Connection c = DriverManager.getConnection(url, props)) {
            String reason = notReady.get();
            if (!c.isValid(TIMEOUT_SECONDS)) {
                builder.message("database connection is not valid").down();
            } else if (reason != null) {
                builder.message("database not ready: " + reason).down();
            } else {
                builder.up();
            }
        } catch (SQLException e) {
            // The message only: the URL may carry a password, and a stack trace says nothing more.
            builder.message("database unreachable: " + e.getMessage()).down();
        }
    }
}

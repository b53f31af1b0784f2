package org.streamvault.metrics;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * DOWN when the configured database cannot be reached: opens a plain JDBC connection (no pool,
 * so a pool's cached connection cannot hide an outage) and asks it whether it is valid.
 * Registered only when {@code streamvault.db.url} is set. Readiness only.
 */
public final class DatabaseHealthCheck extends AbstractHealthCheck {
    private static final int TIMEOUT_SECONDS = 5;
    private final String url;

    public DatabaseHealthCheck(String url) {
        super("streamvault", "database");
        this.url = url;
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
        try (Connection c = DriverManager.getConnection(url, props)) {
            if (c.isValid(TIMEOUT_SECONDS)) {
                builder.up();
            } else {
                builder.message("database connection is not valid").down();
            }
        } catch (SQLException e) {
            // The message only: the URL may carry a password, and a stack trace says nothing more.
            builder.message("database unreachable: " + e.getMessage()).down();
        }
    }
}

package org.streamvault.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A throwaway PostgreSQL database on the local server (127.0.0.1:5432, user postgres, trust
 * auth), created empty for one test class and dropped on close.
 */
public final class TestDatabase implements AutoCloseable {
    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String USER = "postgres";
    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    public static TestDatabase create() throws SQLException {
        String name = "sv_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, "");
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return new TestDatabase(name);
    }

    public String name() {
        return name;
    }

    public String url() {
        return "jdbc:postgresql://127.0.0.1:5432/" + name;
    }

    public String user() {
        return USER;
    }

    /** Applies Streamvault's schema, as the first node to start would, so rows can be inserted first. */
    public void applySchema() {
        try (org.streamvault.db.Database db = new org.streamvault.db.Database(url(), USER, "", 1)) {
            db.ensureSchema();
        }
    }

    /** A plain connection (autocommit, default isolation), for test set-up and checks. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, "");
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, "");
                Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}

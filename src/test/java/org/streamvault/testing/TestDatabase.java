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
        TestDatabase db = reserve();
        db.createNow();
        return db;
    }

    /** A name for a database that does not exist yet (a node pointed at it finds it missing); see {@link #createNow}. */
    public static TestDatabase reserve() {
        return new TestDatabase("sv_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
    }

    /** Creates the (empty) database, as {@code createdb} would. */
    public void createNow() throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, "");
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
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

    /**
     * Applies Streamvault's schema through the database layer alone. Only for tests of the schema
     * itself and of the database layer without a node: node-level tests start from an empty
     * database, as a fresh install does, and let the node apply it (see {@link TestNode#initialise}).
     */
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

package org.streamvault.db;

import java.sql.SQLException;

/** A database error that is not a retried serialization failure; keeps the SQL state. */
public class DatabaseException extends RuntimeException {
    private final String sqlState;

    public DatabaseException(SQLException cause) {
        super(Database.oneLine(cause), cause);
        this.sqlState = cause.getSQLState();
    }

    public String sqlState() {
        return sqlState;
    }

    /** True for a CHECK, NOT NULL, unique or foreign key violation (class 23). */
    public boolean isConstraintViolation() {
        return sqlState != null && sqlState.startsWith("23");
    }
}

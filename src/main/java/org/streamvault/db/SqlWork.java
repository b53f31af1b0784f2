package org.streamvault.db;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done with one connection; may run more than once when a serialization failure is retried. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}

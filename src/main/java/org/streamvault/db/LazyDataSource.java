package org.streamvault.db;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource resolved on first connection, so routes that name it (camel-sql endpoints) can
 * be built on nodes that have no database, as long as those routes never run there.
 */
public final class LazyDataSource implements DataSource {
    private final Supplier<DataSource> target;

    public LazyDataSource(Supplier<DataSource> target) {
        this.target = target;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return target.get().getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return target.get().getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // not used: the pool logs through SLF4J
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // not used: the pool has its own connection timeout
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no java.util.logging here");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return target.get().unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return target.get().isWrapperFor(iface);
    }
}

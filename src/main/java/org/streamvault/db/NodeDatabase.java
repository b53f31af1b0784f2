package org.streamvault.db;

/**
 * The node's database, if one is configured ({@code streamvault.db.url}). Components that
 * cannot work without it call {@link #require}, which names the missing setting in one line.
 */
public final class NodeDatabase implements AutoCloseable {
    private final Database database;

    public NodeDatabase(Database database) {
        this.database = database;
    }

    public boolean isConfigured() {
        return database != null;
    }

    /** The database, or a one-line reason why {@code component} cannot start without it. */
    public Database require(String component) {
        if (database == null) {
            throw new DatabaseUnavailableException(
                    component + " needs a database: set streamvault.db.url (e.g. jdbc:postgresql://127.0.0.1:5432/streamvault)",
                    null);
        }
        return database;
    }

    @Override
    public void close() {
        if (database != null) {
            database.close();
        }
    }
}

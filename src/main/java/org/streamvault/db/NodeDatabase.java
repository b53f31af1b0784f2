package org.streamvault.db;

/**
 * The node's database, if one is configured ({@code streamvault.db.url}). Components that
 * cannot work without it call {@link #require}, which names the missing setting in one line;
 * those that run on timers ask {@link #isReady} first, so none of them runs SQL before the
 * schema is in place (see {@link SchemaStartup}).
 */
public final class NodeDatabase implements AutoCloseable {
    private final Database database;
    private final SchemaStartup startup;

    public NodeDatabase(Database database) {
        this(database, null);
    }

    /** {@code startup} applies the schema when the node starts; null = on first use. */
    public NodeDatabase(Database database, SchemaStartup startup) {
        this.database = database;
        this.startup = startup;
    }

    public boolean isConfigured() {
        return database != null;
    }

    /** True when a database is configured and its schema is in place. */
    public boolean isReady() {
        return database != null && database.isSchemaApplied();
    }

    /** Why the database cannot be used yet, in one line; null when it is ready. */
    public String notReadyReason() {
        if (database == null) {
            return "no database configured (streamvault.db.url)";
        }
        if (database.isSchemaApplied()) {
            return null;
        }
        return startup == null ? "the database schema has not been applied yet" : startup.problem();
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

    /** Applies the schema now, retrying in the background if the database is not reachable yet. */
    void startSchema() {
        if (startup != null) {
            startup.start();
        }
    }

    @Override
    public void close() {
        if (startup != null) {
            startup.close();
        }
        if (database != null) {
            database.close();
        }
    }
}

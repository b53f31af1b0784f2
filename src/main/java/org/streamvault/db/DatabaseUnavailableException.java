package org.streamvault.db;

/** The database is not configured, or cannot be reached; the message is one line for an operator. */
public class DatabaseUnavailableException extends RuntimeException {
    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.streamvault.segments;

/**
 * A request named something the store will not look at: a path part that is hidden, holds a
 * separator or NUL, or would leave the base directory. The HTTP API answers 403.
 */
public class StorePathException extends IllegalArgumentException {
    public StorePathException(String message) {
        super(message);
    }
}

package org.streamvault.hls;

/** A playlist that cannot be used, with a one-line reason fit for a log line. */
public class PlaylistException extends Exception {
    public PlaylistException(String message) {
        super(message);
    }
}

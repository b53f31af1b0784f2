package org.streamvault.cut;

import java.io.IOException;

/**
 * A cut could not be made: ffmpeg failed (the message carries the end of its stderr), or the
 * segments could not be read. Thrown from reads of a {@link CutStream}, so a consumer sees it
 * where it would see any other I/O failure.
 */
public class CutFailedException extends IOException {
    public CutFailedException(String message) {
        super(message);
    }

    public CutFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.streamvault.backfill;

import java.io.IOException;

/** A file's transfer did not finish within the per-file body timeout and was aborted. */
public final class BodyTimeoutException extends IOException {
    private static final long serialVersionUID = 1L;

    public BodyTimeoutException(String message) {
        super(message);
    }
}

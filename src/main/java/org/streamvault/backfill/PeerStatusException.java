package org.streamvault.backfill;

import java.io.IOException;

/** A peer answered a request with an error status: it is up, but this answer is no use. */
public final class PeerStatusException extends IOException {
    private static final long serialVersionUID = 1L;

    public PeerStatusException(String url, int status) {
        super(url + " answered HTTP " + status);
    }
}

package org.streamvault.backfill;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Why one request to a peer failed, as counted per peer ({@code reason} label) and logged. Only
 * {@link #UNREACHABLE} says anything about the peer as a whole; the others are about one
 * transfer on a link that may be bad, and end in a retry of that file, not of the pass.
 */
public enum FailureReason {
    /** Could not connect: refused, no route, unknown host, connect timeout. */
    UNREACHABLE,
    /** The transfer broke: the connection closed or reset mid-body, a malformed body. */
    BROKEN,
    /** No answer within the read timeout, or the body did not finish within the body timeout. */
    TIMEOUT,
    /** The bytes arrived but do not hash to the name (a body cut short unnoticed, or a bad file on the peer). */
    HASH_MISMATCH,
    /** The peer answered an error status (other than 404 for a file). */
    HTTP_STATUS;

    /** The metric label: {@code broken}, {@code hash_mismatch}... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Sorts a failed request by the first cause in its chain that says something. */
    public static FailureReason of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PeerStatusException) {
                return HTTP_STATUS;
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException || t.getClass().getSimpleName().equals("ConnectTimeoutException")) {
                return UNREACHABLE;
            }
            if (t instanceof BodyTimeoutException || t instanceof SocketTimeoutException) {
                return TIMEOUT;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InterruptedIOException) {
                return TIMEOUT;
            }
        }
        return BROKEN;
    }
}

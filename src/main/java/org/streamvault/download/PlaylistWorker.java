package org.streamvault.download;

import java.net.URI;

/**
 * One media playlist URL being polled. A worker that should be replaced (failing, too old,
 * skewed) is {@code retiring} but keeps being polled until its successor has seen a real
 * segment; one that cannot be polled any more (403/404, ENDLIST) is {@code dead}.
 */
final class PlaylistWorker {
    final URI url;
    final long createdNanos;
    long nextPollNanos;
    /** The last segment URI of the previous poll: tells a changed playlist from an unchanged one. */
    URI lastUri;
    /** The text of the last playlist parsed: the same text again needs no parsing (nothing in it is new). */
    String lastText;
    /** Whether {@link #lastText} listed a real (non-ad) segment. */
    boolean lastListedNonAd;
    /** The reload hint of {@link #lastText} (target duration, or its longest segment), in nanoseconds; 0 if none. */
    long targetNanos;
    boolean sawNonAd;
    boolean skewed;
    String retiring;
    String dead;

    PlaylistWorker(URI url, long now) {
        this.url = url;
        this.createdNanos = now;
        this.nextPollNanos = now;
    }

    void retire(String reason) {
        if (retiring == null) {
            retiring = reason;
        }
    }

    boolean needsSuccessor() {
        return retiring != null || dead != null;
    }
}

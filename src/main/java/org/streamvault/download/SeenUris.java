package org.streamvault.download;

import java.net.URI;
import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * Segment URIs a stream has already started fetchers for. Bounded: the oldest are forgotten,
 * but never fewer than twice the longest playlist seen are kept, so a URI still listed is
 * never fetched twice.
 */
final class SeenUris {
    private static final int MIN_KEEP = 10_000;
    private final LinkedHashSet<URI> uris = new LinkedHashSet<>();
    private int keep = MIN_KEEP;

    /** Adds {@code uri}; true if it was new. */
    boolean add(URI uri) {
        if (!uris.add(uri)) {
            return false;
        }
        Iterator<URI> it = uris.iterator();
        while (uris.size() > keep && it.hasNext()) {
            it.next();
            it.remove();
        }
        return true;
    }

    void playlistLength(int n) {
        keep = Math.max(keep, 2 * n);
    }
}

package org.streamvault.download;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code #EXT-X-MAP} init sections of a fragmented-MP4 stream, fetched once each and kept
 * (a few, small, bounded), so every saved segment can start with its init section and play alone.
 */
final class InitSections {
    private static final int KEEP = 4;

    private final OriginClient client;
    private final int maxBytes;
    private final Map<URI, byte[]> cache = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<URI, byte[]> eldest) {
            return size() > KEEP;
        }
    };

    InitSections(OriginClient client, int maxBytes) {
        this.client = client;
        this.maxBytes = maxBytes;
    }

    byte[] get(URI uri) throws IOException {
        synchronized (cache) {
            byte[] hit = cache.get(uri);
            if (hit != null) {
                return hit;
            }
        }
        byte[] bytes;
        try (OriginClient.Exchange ex = client.get(uri)) {
            if (ex.status() != 200) {
                throw new IOException("init section " + uri + " answered HTTP " + ex.status());
            }
            bytes = readBounded(ex.body());
        }
        synchronized (cache) {
            cache.put(uri, bytes);
        }
        return bytes;
    }

    private byte[] readBounded(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) >= 0) {
            if (out.size() + n > maxBytes) {
                throw new IOException("init section larger than " + maxBytes + " bytes");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}

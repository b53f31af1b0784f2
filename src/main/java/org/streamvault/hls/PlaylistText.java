package org.streamvault.hls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a playlist body with a size limit, so an origin that sends an endless or enormous
 * "playlist" costs at most {@code maxBytes} of memory before it is rejected.
 */
public final class PlaylistText {
    private PlaylistText() {
    }

    public static String read(InputStream in, int maxBytes) throws IOException, PlaylistException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, 16 * 1024));
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) >= 0) {
            if (out.size() + n > maxBytes) {
                throw new PlaylistException("playlist larger than " + maxBytes + " bytes");
            }
            out.write(buf, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}

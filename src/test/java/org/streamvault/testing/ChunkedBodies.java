package org.streamvault.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Raw HTTP/1.1 chunked bodies as a client on a kept-alive connection sees them. */
public final class ChunkedBodies {
    /** What ends a chunked body with no trailers. */
    public static final String LAST_CHUNK = "\r\n0\r\n\r\n";

    private ChunkedBodies() {
    }

    /** Reads until the bytes end with {@link #LAST_CHUNK} (the server keeps the connection open) or EOF. */
    public static byte[] readToLastChunk(InputStream in) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        byte[] tail = new byte[LAST_CHUNK.length()];
        int tailLength = 0;
        while (!(tailLength == tail.length && new String(tail, StandardCharsets.ISO_8859_1).equals(LAST_CHUNK))) {
            int n = in.read(buf);
            if (n < 0) {
                break;
            }
            got.write(buf, 0, n);
            // the last bytes received so far, without copying the whole body each time
            for (int i = 0; i < n; i++) {
                if (tailLength < tail.length) {
                    tail[tailLength++] = buf[i];
                } else {
                    System.arraycopy(tail, 1, tail, 0, tail.length - 1);
                    tail[tail.length - 1] = buf[i];
                }
            }
        }
        return got.toByteArray();
    }

    /** The sizes of the chunks of {@code body} (which starts at the first chunk's size line), in order. */
    public static List<Long> chunkSizes(byte[] body) {
        List<Long> sizes = new ArrayList<>();
        int at = 0;
        while (true) {
            int lineEnd = indexOfCrlf(body, at);
            long size = Long.parseLong(new String(body, at, lineEnd - at, StandardCharsets.US_ASCII).trim(), 16);
            if (size == 0) {
                return sizes;
            }
            sizes.add(size);
            at = lineEnd + 2 + (int) size + 2;
        }
    }

    /** The payload of {@code body}: its chunks joined. */
    public static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        for (long size : chunkSizes(body)) {
            at = indexOfCrlf(body, at) + 2;
            out.write(body, at, (int) size);
            at += (int) size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOfCrlf(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        throw new AssertionError("no chunk size line at " + from);
    }
}

package org.streamvault.restream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamvault.cut.CutStream;
import org.streamvault.segments.RateLimitedLog;

/**
 * The body of a cut response: the {@link CutStream}, read by platform-http-vertx, with the ways a
 * cut can end early turned into what HTTP can express.
 *
 * <ul>
 *   <li>The client went away ({@link #clientGone()}): the cut was closed under the reader, which
 *       then sees the end of the stream instead of an exception, so an ordinary disconnect does
 *       not log stack traces.</li>
 *   <li>The cut failed before its first byte (ffmpeg refused its arguments, a segment is
 *       unreadable, the mp4 encode failed): nothing has been sent, so the answer becomes a 500
 *       whose body is the reason.</li>
 *   <li>The cut failed later: the status is out already. The failure is logged on one line and
 *       the connection is reset, which the client sees as a failed transfer, never as a complete
 *       (truncated) file.</li>
 * </ul>
 */
final class CutResponseBody extends InputStream {
    private static final Logger LOG = LoggerFactory.getLogger(CutResponseBody.class);
    private static final RateLimitedLog FAILURE_LOG = new RateLimitedLog(10_000);

    /** The few things the body may do to the HTTP response it is the body of. */
    interface Response {
        /** True once status and headers have gone out. */
        boolean headWritten();

        /** Replaces status and content type; only before the head is written. */
        void becomeError(int status);

        /** Drops the connection. */
        void reset();
    }

    private final CutStream cut;
    private final Response response;
    private volatile boolean clientGone;
    private byte[] error;
    private int errorPos;

    CutResponseBody(CutStream cut, Response response) {
        this.cut = cut;
        this.response = response;
    }

    /** Called when the connection closed before the response ended: stops the cut. */
    void clientGone() {
        clientGone = true;
        cut.close();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (error != null) {
            int n = Math.min(len, error.length - errorPos);
            if (n <= 0) {
                return -1;
            }
            System.arraycopy(error, errorPos, buf, off, n);
            errorPos += n;
            return n;
        }
        try {
            return cut.read(buf, off, len);
        } catch (IOException e) {
            if (clientGone) {
                return -1;
            }
            cut.close();
            if (cut.bytesRead() == 0 && !response.headWritten()) {
                FAILURE_LOG.log(LOG::warn, "cut failed before its first byte, answering 500: " + e.getMessage());
                response.becomeError(500);
                error = ("cut failed: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
                return read(buf, off, len);
            }
            FAILURE_LOG.log(LOG::warn, "cut failed after " + cut.bytesRead() + " bytes, resetting the connection: "
                    + e.getMessage());
            response.reset();
            return -1;
        }
    }

    @Override
    public void close() {
        cut.close();
    }
}

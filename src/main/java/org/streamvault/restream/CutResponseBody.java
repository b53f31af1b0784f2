package org.streamvault.restream;

import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamvault.cut.CutStream;
import org.streamvault.segments.RateLimitedLog;

/**
 * The body of a cut response: the {@link CutStream}, read by platform-http-vertx, with the two
 * ways a cut can end early turned into what HTTP can express.
 *
 * <ul>
 *   <li>The client went away ({@link #clientGone()}): the cut was closed under the reader, which
 *       then sees the end of the stream instead of an exception, so an ordinary disconnect does
 *       not log stack traces.</li>
 *   <li>The cut failed (ffmpeg error): headers and part of the body may be out already, so a
 *       status cannot change any more. The failure is logged on one line and the connection is
 *       dropped, which the client sees as a truncated, failed transfer (never as a complete file).</li>
 * </ul>
 */
final class CutResponseBody extends InputStream {
    private static final Logger LOG = LoggerFactory.getLogger(CutResponseBody.class);
    private static final RateLimitedLog FAILURE_LOG = new RateLimitedLog(10_000);

    private final CutStream cut;
    private final Runnable dropConnection;
    private volatile boolean clientGone;

    CutResponseBody(CutStream cut, Runnable dropConnection) {
        this.cut = cut;
        this.dropConnection = dropConnection;
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
        try {
            return cut.read(buf, off, len);
        } catch (IOException e) {
            if (!clientGone) {
                FAILURE_LOG.log(LOG::warn, "cut failed after " + cut.bytesRead() + " bytes, dropping the connection: "
                        + e.getMessage());
                cut.close();
                dropConnection.run();
            }
            return -1;
        }
    }

    @Override
    public void close() {
        cut.close();
    }
}

package org.streamvault.restream;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamvault.images.FrameGrabber;
import org.streamvault.images.MediaProcess;
import org.streamvault.images.NoMediaException;
import org.streamvault.images.ProcessGroup;
import org.streamvault.segments.RateLimitedLog;
import org.streamvault.segments.Segment;
import org.streamvault.segments.SegmentStore;

/**
 * {@code GET /frame/{channel}/{quality}.png?timestamp=T} (SPEC §10): the frame displayed at T, exact
 * to the frame, from the best segment holding T, as ffmpeg's PNG streamed to the client. 400 for a
 * missing or bad time, 404 for an unknown stream, 406 when no segment holds T. The first bytes are
 * awaited before answering, so a failed decode is a 500 with ffmpeg's reason rather than an empty
 * 200; ffmpeg is stopped if the client goes away.
 */
public class FrameProcessor extends ApiProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(FrameProcessor.class);
    private static final RateLimitedLog FAILURE_LOG = new RateLimitedLog(10_000);

    private final SegmentStore store;
    private final FrameGrabber grabber;
    private final Duration killGrace;

    public FrameProcessor(SegmentStore store, FrameGrabber grabber, Duration killGrace) {
        this.store = store;
        this.grabber = grabber;
        this.killGrace = killGrace;
    }

    @Override
    protected void handle(Request request, Message response) {
        long at = ImageRequests.timestamp(request);
        Segment segment = ImageRequests.segmentAt(store, request.param("channel"), request.param("quality"), at);
        response.setHeader(Exchange.CONTENT_TYPE, "image/png");
        if (request.isHead()) {
            return;
        }
        ProcessGroup group = ImageRequests.processes(response, killGrace);
        try {
            long pts = grabber.framePts(group, segment.path(), at - segment.startMicros());
            MediaProcess decode = grabber.decodePng(group, segment.path(), pts);
            byte[] first = new byte[8192];
            int n = decode.stdout().read(first);
            if (n < 0) {
                decode.awaitSuccess();
                throw new IOException("ffmpeg wrote no frame");
            }
            response.setBody(new Body(decode, group, first, n, response));
        } catch (NoMediaException e) {
            group.close();
            throw new HttpProblem(406, e.getMessage());
        } catch (IOException e) {
            group.close();
            if (ImageRequests.clientGone(response)) {
                return; // nobody left to answer
            }
            FAILURE_LOG.log(LOG::warn, "frame of " + segment + " failed: " + e.getMessage());
            throw new HttpProblem(500, "frame failed: " + e.getMessage());
        }
    }

    /** The PNG: the bytes already read, then the rest of ffmpeg's stdout; a failed exit drops the connection. */
    private static final class Body extends InputStream {
        private final MediaProcess decode;
        private final ProcessGroup group;
        private final byte[] first;
        private final int firstLength;
        private final Message response;
        private int firstPos;
        private boolean ended;

        Body(MediaProcess decode, ProcessGroup group, byte[] first, int firstLength, Message response) {
            this.decode = decode;
            this.group = group;
            this.first = first;
            this.firstLength = firstLength;
            this.response = response;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (firstPos < firstLength) {
                int n = Math.min(len, firstLength - firstPos);
                System.arraycopy(first, firstPos, buf, off, n);
                firstPos += n;
                return n;
            }
            if (ended) {
                return -1;
            }
            int n;
            try {
                n = decode.stdout().read(buf, off, len);
                if (n < 0) {
                    ended = true;
                    decode.awaitSuccess();
                }
            } catch (IOException e) {
                ended = true;
                group.close();
                if (!ImageRequests.clientGone(response)) {
                    FAILURE_LOG.log(LOG::warn, "frame failed mid-answer, resetting the connection: " + e.getMessage());
                }
                var vertx = ImageRequests.vertx(response);
                if (vertx != null && !vertx.closed()) {
                    vertx.reset();
                }
                return -1;
            }
            return n;
        }

        @Override
        public void close() {
            group.close();
        }
    }
}

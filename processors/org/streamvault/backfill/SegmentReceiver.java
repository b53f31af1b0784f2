package org.streamvault.backfill;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.hc.core5.http.io.EofSensorInputStream;

/**
 * Saves a peer's raw {@code /segments/...} response stream through {@link SegmentWriter}, so the
 * body goes to disk (hashed on the way) as it arrives. The body is the {@link FetchOutcome};
 * 404 means the peer no longer has the file; any other error status fails the exchange.
 *
 * <p>The whole transfer, counted from the request's start, must end within the body timeout: a
 * body that stalls or trickles is aborted at the deadline ({@link DeadlineInputStream}) and the
 * exchange fails with a {@link BodyTimeoutException}. A failed transfer is <em>aborted</em>, which
 * closes the connection: closing HttpClient's stream instead would read the rest of the body
 * first, which for a stalled or trickling body is the very wait the timeout is there to cut.
 */
public final class SegmentReceiver implements Processor {
    private final long bodyTimeoutNanos;
    private final ScheduledExecutorService timers;

    public SegmentReceiver(long bodyTimeoutMillis, ScheduledExecutorService timers) {
        this.bodyTimeoutNanos = bodyTimeoutMillis * 1_000_000L;
        this.timers = timers;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        String url = exchange.getIn().getHeader(Exchange.HTTP_URI, String.class);
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        Path hourDir = exchange.getProperty(CamelPeerClient.HOUR_DIR, Path.class);
        String name = exchange.getProperty(CamelPeerClient.FILE_NAME, String.class);
        long started = exchange.getProperty(CamelPeerClient.STARTED_NANOS, System.nanoTime(), Long.class);
        InputStream raw = message.getBody(InputStream.class);
        if (raw == null) {
            raw = InputStream.nullInputStream();
        }
        InputStream stream = raw;
        try (InputStream body = new DeadlineInputStream(raw, () -> abort(stream), timers,
                bodyTimeoutNanos - (System.nanoTime() - started), "GET " + url + " within "
                        + bodyTimeoutNanos / 1_000_000_000.0 + " s")) {
            if (status == 404) {
                message.setBody(FetchOutcome.GONE);
            } else if (status != 200) {
                throw new PeerStatusException(url, status);
            } else {
                message.setBody(SegmentWriter.save(body, hourDir, name));
            }
        } catch (IOException | RuntimeException e) {
            abort(stream);
            throw e;
        }
    }

    /** Drops the connection under the stream (from any thread); a stream of another kind is closed. */
    private static void abort(InputStream stream) {
        try {
            if (stream instanceof EofSensorInputStream eof) {
                eof.abort();
            } else {
                stream.close();
            }
        } catch (IOException e) {
            // the connection is gone either way
        }
    }
}

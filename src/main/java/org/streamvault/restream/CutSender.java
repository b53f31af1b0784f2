package org.streamvault.restream;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamvault.cut.CutStream;
import org.streamvault.segments.RateLimitedLog;

/**
 * Sends a cut over HTTP/1.x straight into the Vert.x response, in chunks of up to
 * {@link #CHUNK} bytes, waiting for the connection to drain whenever Vert.x's write queue is
 * full: a slow client slows the cut down instead of filling memory, and a fast one gets the
 * bytes at the speed of the disk. Camel's own body pump moved 16 KB per worker round trip (a
 * twentieth of {@code cat} on loopback). The response is ended before {@link #send} returns, so
 * platform-http-vertx then leaves it alone.
 *
 * <p>The ways a cut ends early, as {@link CutResponseBody} handles them on the Camel path: the
 * client went away (its close handler closes the cut, which stops ffmpeg; nothing is logged);
 * the cut failed before its first byte (a 500 whose body is the reason); it failed later (one
 * log line, the connection reset so the client never takes a truncated cut for a whole one).
 */
final class CutSender {
    static final int CHUNK = 1 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(CutSender.class);
    private static final RateLimitedLog FAILURE_LOG = new RateLimitedLog(10_000);
    /** How often a wait for the connection to drain looks again whether the client is still there. */
    private static final long DRAIN_POLL_MILLIS = 1000;

    /** Chunks in flight at most: arrays come back once Netty has written them, so no garbage per chunk. */
    private static final int CHUNKS = 4;

    private final HttpServerResponse out;
    private final Runnable dropConnection;
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
    private final CutStream cut;
    private volatile boolean clientGone;
    private volatile CompletableFuture<Void> drained = CompletableFuture.completedFuture(null);

    private CutSender(HttpServerResponse out, Runnable dropConnection, CutStream cut) {
        this.out = out;
        this.dropConnection = dropConnection;
        this.cut = cut;
    }

    /**
     * Sends {@code cut} with {@code status} and {@code headers}, from the calling thread, and
     * closes it. Blocks until the whole cut is sent or the send has ended otherwise; the response
     * counts as ended then in every case, so nobody else writes to it.
     *
     * @param dropConnection closes the connection at once (a cut that failed midway)
     */
    static void send(HttpServerResponse out, Runnable dropConnection, int status, Map<String, String> headers,
            CutStream cut) {
        new CutSender(out, dropConnection, cut).run(status, headers);
    }

    private void run(int status, Map<String, String> headers) {
        out.closeHandler(v -> gone());
        out.exceptionHandler(e -> gone());
        if (out.closed()) {
            gone();
        }
        for (int i = 0; i < CHUNKS; i++) {
            free.add(new byte[CHUNK]);
        }
        try {
            byte[] first = free.remove();
            int n;
            try {
                n = cut.read(first, 0, first.length);
            } catch (IOException e) {
                failBeforeFirstByte(e);
                return;
            }
            out.setStatusCode(status);
            headers.forEach(out::putHeader);
            out.setChunked(true);
            try {
                while (n >= 0) {
                    if (n > 0) {
                        write(first, n);
                        first = take();
                    }
                    n = cut.read(first, 0, first.length);
                }
            } catch (IOException e) {
                failMidway(e);
                return;
            }
        } finally {
            cut.close();
            try {
                // also after a failure or a disconnect: an ended response is one Camel leaves alone
                out.end();
            } catch (IllegalStateException e) {
                // ended already (the 500 answer)
            }
        }
    }

    /** A free chunk; waits for Netty to give one back, or fails once the client has gone. */
    private byte[] take() throws IOException {
        try {
            while (true) {
                byte[] chunk = free.poll(DRAIN_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (chunk != null) {
                    return chunk;
                }
                if (clientGone) {
                    throw new IOException("the client went away");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending a cut");
        }
    }

    /**
     * Hands one chunk to Vert.x without a copy (the array goes back to the pool once written or
     * failed), then waits while the write queue is full. {@code Buffer.buffer(ByteBuf)} is
     * deprecated in Vert.x 4 (Vert.x 5 hides Netty), but it is the one way to pass bytes without
     * copying them.
     */
    @SuppressWarnings("deprecation")
    private void write(byte[] bytes, int n) throws IOException {
        if (clientGone) {
            free.offer(bytes);
            throw new IOException("the client went away");
        }
        out.write(Buffer.buffer(Unpooled.wrappedBuffer(bytes, 0, n))).onComplete(done -> free.offer(bytes));
        while (out.writeQueueFull() && !clientGone) {
            CompletableFuture<Void> wait = new CompletableFuture<>();
            drained = wait;
            out.drainHandler(v -> wait.complete(null));
            if (!out.writeQueueFull()) {
                break;
            }
            try {
                wait.get(DRAIN_POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // look again: the drain may have come before the handler was set
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while sending a cut");
            } catch (ExecutionException e) {
                throw new IOException(e.getCause());
            }
        }
    }

    private void gone() {
        clientGone = true;
        cut.close();
        drained.complete(null);
    }

    private void failBeforeFirstByte(IOException e) {
        if (clientGone) {
            return;
        }
        FAILURE_LOG.log(LOG::warn, "cut failed before its first byte, answering 500: " + e.getMessage());
        out.setStatusCode(500).putHeader("Content-Type", "text/plain; charset=utf-8");
        out.end(Buffer.buffer(("cut failed: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8)));
    }

    private void failMidway(IOException e) {
        if (clientGone) {
            return;
        }
        FAILURE_LOG.log(LOG::warn, "cut failed after " + cut.bytesRead() + " bytes, resetting the connection: "
                + e.getMessage());
        // closed now, before the end() that follows: its last chunk must never reach the client,
        // which would take the truncated cut for a whole one
        dropConnection.run();
    }
}

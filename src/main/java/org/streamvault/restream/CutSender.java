package org.streamvault.restream;

import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamvault.cut.CutStream;
import org.streamvault.segments.RateLimitedLog;

/**
 * Sends a cut over HTTP/1.x straight into the Vert.x response, in chunks of up to
 * {@link #CHUNK} bytes, driven from the request's event loop: a chunk is read (on a
 * {@code cut-reader} thread, since a read may wait for ffmpeg or the disk) while one of
 * {@link #CHUNKS} chunks is free, and handed to Vert.x whenever its write queue has room (else by
 * its drain handler). A slow or stalled client therefore holds no thread at all, only its cut
 * (ffmpeg blocks on its full pipe) and at most {@link #CHUNKS} chunks; a fast one gets the bytes
 * at the speed of the disk, the next chunk read while the socket takes the last. Camel's own body pump moved 16 KB per worker round trip (a twentieth of {@code cat}
 * on loopback).
 *
 * <p>The ways a cut ends early, as {@link CutResponseBody} handles them on the Camel path: the
 * client went away (its close handler closes the cut, which stops ffmpeg; nothing is logged);
 * the cut failed before its first byte (a 500 whose body is the reason); it failed later (one
 * log line, the connection reset so the client never takes a truncated cut for a whole one).
 * Every field is touched on the event loop only; the reader threads only run {@link CutStream#read}.
 */
final class CutSender {
    static final int CHUNK = 1 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(CutSender.class);
    private static final RateLimitedLog FAILED_BEFORE_LOG = new RateLimitedLog(10_000);
    private static final RateLimitedLog FAILED_MIDWAY_LOG = new RateLimitedLog(10_000);

    /** Chunks in flight at most: arrays come back once Netty has written them, so no garbage per chunk. */
    private static final int CHUNKS = 4;

    /**
     * Where the blocking reads run. A thread is busy only while a read waits for bytes (ffmpeg
     * encoding, the disk), never while a client is slow, so the pool stays as small as the number
     * of cuts being produced at that moment; idle threads go after a minute.
     */
    private static final ExecutorService READERS = Executors.newCachedThreadPool(new ReaderThreads());

    private final HttpServerResponse out;
    private final Context eventLoop;
    private final Runnable dropConnection;
    private final CutStream cut;
    private final int status;
    private final Map<String, String> headers;
    private final CompletableFuture<Void> sent = new CompletableFuture<>();
    private final ArrayDeque<byte[]> free = new ArrayDeque<>();
    private final ArrayDeque<Ready> ready = new ArrayDeque<>();
    private int chunks;
    private boolean reading;
    private boolean headWritten;
    private boolean clientGone;
    private boolean finished;
    private boolean abandoned;

    private CutSender(HttpServerResponse out, Context eventLoop, Runnable dropConnection, int status,
            Map<String, String> headers, CutStream cut) {
        this.out = out;
        this.eventLoop = eventLoop;
        this.dropConnection = dropConnection;
        this.status = status;
        this.headers = headers;
        this.cut = cut;
    }

    /**
     * Starts sending {@code cut} with {@code status} and {@code headers} and returns at once. The
     * cut is closed and the response ended when the returned future completes, in every case, so
     * nobody else writes to it afterwards.
     *
     * @param eventLoop      the context of the request, where every step of the send runs
     * @param dropConnection closes the connection at once (a cut that failed midway)
     */
    static CompletableFuture<Void> send(HttpServerResponse out, Context eventLoop, Runnable dropConnection, int status,
            Map<String, String> headers, CutStream cut) {
        CutSender sender = new CutSender(out, eventLoop, dropConnection, status, headers, cut);
        eventLoop.runOnContext(v -> sender.begin());
        return sender.sent;
    }

    private void begin() {
        out.closeHandler(v -> gone());
        out.exceptionHandler(e -> gone());
        out.drainHandler(v -> {
            flush();
            pump();
        });
        if (out.closed()) {
            gone();
            return;
        }
        readNext();
    }

    /** Reads the next chunk on a reader thread; its outcome comes back to the event loop. */
    private void readNext() {
        byte[] chunk = free.poll();
        if (chunk == null) {
            chunk = new byte[CHUNK];
            chunks++;
        }
        reading = true;
        byte[] into = chunk;
        READERS.execute(() -> {
            int n = -1;
            IOException failure = null;
            try {
                n = cut.read(into, 0, into.length);
            } catch (IOException e) {
                failure = e;
            } catch (RuntimeException e) {
                failure = new IOException(e.getMessage(), e);
            }
            int read = n;
            IOException failed = failure;
            eventLoop.runOnContext(v -> onRead(into, read, failed));
        });
    }

    private void onRead(byte[] chunk, int n, IOException failure) {
        reading = false;
        if (clientGone) {
            finish();
            return;
        }
        if (failure != null) {
            if (headWritten) {
                failMidway(failure);
            } else {
                failBeforeFirstByte(failure);
            }
            finish();
            return;
        }
        if (!headWritten) {
            writeHead();
        }
        if (n < 0) {
            // the chunks read ahead go out first: at most CHUNKS of them, queued in Netty
            while (!ready.isEmpty()) {
                write(ready.poll());
            }
            finish();
            return;
        }
        if (n > 0) {
            ready.add(new Ready(chunk, n));
            flush();
        } else {
            free.push(chunk);
        }
        pump();
    }

    /** Writes the chunks read ahead while Vert.x has room; the drain handler writes the rest. */
    private void flush() {
        while (!finished && !ready.isEmpty() && !out.writeQueueFull()) {
            write(ready.poll());
        }
    }

    /**
     * Reads ahead while a chunk is free, so the next chunk is ready when the socket drains (a
     * read waiting for the drain would leave the socket idle meanwhile); with every chunk read
     * and unwritten, a stalled client has stopped the cut without holding a thread.
     */
    private void pump() {
        if (finished || reading) {
            return;
        }
        if (clientGone) {
            finish();
            return;
        }
        if (free.isEmpty() && chunks >= CHUNKS) {
            return;
        }
        readNext();
    }

    private void writeHead() {
        out.setStatusCode(status);
        headers.forEach(out::putHeader);
        out.setChunked(true);
        headWritten = true;
    }

    /**
     * Hands one chunk to Vert.x without a copy (the array goes back to the pool once written or
     * failed). {@code Buffer.buffer(ByteBuf)} is deprecated in Vert.x 4 (Vert.x 5 hides Netty),
     * but it is the one way to pass bytes without copying them.
     */
    @SuppressWarnings("deprecation")
    private void write(Ready chunk) {
        out.write(Buffer.buffer(Unpooled.wrappedBuffer(chunk.bytes(), 0, chunk.length()))).onComplete(done -> {
            free.push(chunk.bytes());
            pump();
        });
    }

    private void gone() {
        if (clientGone) {
            return;
        }
        clientGone = true;
        cut.close();
        if (!reading) {
            // a read in flight ends soon (closing the cut stopped what it waited for) and finishes then
            finish();
        }
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        cut.close();
        if (!abandoned) {
            try {
                // also after a disconnect: an ended response is one Camel leaves alone
                out.end();
            } catch (IllegalStateException e) {
                // ended already (the 500 answer)
            }
        }
        sent.complete(null);
    }

    private void failBeforeFirstByte(IOException e) {
        FAILED_BEFORE_LOG.log(LOG::warn, "cut failed before its first byte, answering 500: " + e.getMessage());
        out.setStatusCode(500);
        headers.forEach(out::putHeader);
        out.putHeader("Content-Type", "text/plain; charset=utf-8");
        out.end(Buffer.buffer(("cut failed: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8)));
    }

    private void failMidway(IOException e) {
        FAILED_MIDWAY_LOG.log(LOG::warn, "cut failed after " + cut.bytesRead() + " bytes, resetting the connection: "
                + e.getMessage());
        // never ended: the last chunk of a chunked body must not reach the client, which would take
        // the truncated cut for a whole one (Vert.x may still flush what it holds before closing)
        abandoned = true;
        dropConnection.run();
    }

    /** A chunk read and not yet handed to Vert.x. */
    private record Ready(byte[] bytes, int length) {
    }

    /** Daemon threads named {@code cut-reader-N}, so a thread dump says what they are for. */
    private static final class ReaderThreads implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "cut-reader-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}

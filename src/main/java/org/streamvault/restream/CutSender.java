package org.streamvault.restream;

import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.impl.ConnectionBase;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
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
 * {@link #CHUNKS} chunks is free (beyond the first, within a budget shared by every cut being
 * sent, {@link #BUDGET}), and handed to Vert.x whenever its write queue has room (else by
 * its drain handler). A slow or stalled client therefore holds no thread at all, only its cut
 * (ffmpeg blocks on its full pipe) and at most {@link #CHUNKS} chunks; a fast one gets the bytes
 * at the speed of the disk, the next chunk read while the socket takes the last. Camel's own body pump moved 16 KB per worker round trip (a twentieth of {@code cat}
 * on loopback).
 *
 * <p>A cut that is whole files and nothing else (a rough cut, {@link CutStream#wholeFiles()})
 * is not read at all: each file is opened on a reader thread and handed to Netty as a file
 * region, which the kernel copies from the page cache to the socket ({@code sendfile}), the
 * way Vert.x sends a single file; heap chunks cost three copies per byte more. The same
 * {@link #CHUNKS} bound applies, counted in files.
 *
 * <p>The ways a cut ends early, as {@link CutResponseBody} handles them on the Camel path: the
 * client went away (its close handler closes the cut, which stops ffmpeg; nothing is logged);
 * the cut failed before its first byte (a 500 whose body is the reason); it failed later (one
 * log line, the connection reset so the client never takes a truncated cut for a whole one).
 * Every field is touched on the event loop only; the reader threads only run {@link CutStream#read}.
 */
final class CutSender {
    static final int CHUNK = 256 << 10;
    private static final Logger LOG = LoggerFactory.getLogger(CutSender.class);
    private static final RateLimitedLog FAILED_BEFORE_LOG = new RateLimitedLog(10_000);
    private static final RateLimitedLog FAILED_MIDWAY_LOG = new RateLimitedLog(10_000);

    /**
     * Units (chunks, or files of a whole-file cut) held at most, counting the one being read: arrays
     * come back once Netty has written them, so no garbage per chunk.
     */
    private static final int CHUNKS = 4;

    /**
     * Chunk arrays that all cuts being sent may hold together beyond one each: an eighth of the
     * heap, at most 64 MB. A cut always gets its first chunk, so it always moves; it reads ahead
     * only while this budget lasts, so twenty fast downloads in a 64 MB heap cannot take it all
     * (four 1 MB chunks each did: OutOfMemoryError).
     */
    static final int BUDGET = (int) Math.max(CHUNKS, Math.min(256, Runtime.getRuntime().maxMemory() / 8 / CHUNK));
    private static final AtomicInteger ALLOCATED = new AtomicInteger();

    /**
     * Where the blocking reads run. A thread is busy only while a read waits for bytes (ffmpeg
     * encoding, the disk), never while a client is slow, so the pool stays as small as the number
     * of cuts being produced at that moment; idle threads go after a minute.
     */
    private static final ExecutorService READERS = Executors.newCachedThreadPool(new ReaderThreads());

    private final HttpServerResponse out;
    private final Context eventLoop;
    private final HttpConnection connection;
    private final CutStream cut;
    private final int status;
    private final Map<String, String> headers;
    private final CompletableFuture<Void> sent = new CompletableFuture<>();
    private final ArrayDeque<byte[]> free = new ArrayDeque<>();
    private final ArrayDeque<Unit> ready = new ArrayDeque<>();
    /** The files of a whole-file cut, sent with sendfile; null when the cut is read as bytes. */
    private final Iterator<Path> files;
    private final ConnectionBase zeroCopy;
    private int held;
    private int arrays;
    private boolean reading;
    private boolean allRead;
    private boolean headWritten;
    private boolean clientGone;
    private boolean finished;
    private boolean abandoned;

    private CutSender(HttpServerResponse out, Context eventLoop, HttpConnection connection, int status,
            Map<String, String> headers, CutStream cut) {
        this.out = out;
        this.eventLoop = eventLoop;
        this.connection = connection;
        this.status = status;
        this.headers = headers;
        this.cut = cut;
        this.zeroCopy = zeroCopyOf(connection);
        this.files = zeroCopy == null ? null : cut.wholeFiles().map(List::iterator).orElse(null);
    }

    /**
     * Where the kernel can send a file itself: a plain connection (TLS and traffic shaping need
     * the bytes in the JVM). Vert.x's {@code ConnectionBase.sendFile} is internal API, the same
     * call its own {@code sendFile} makes; it writes a Netty {@code FileRegion}, which the
     * HTTP/1.x encoder frames as one chunk of the chunked body.
     */
    private static ConnectionBase zeroCopyOf(HttpConnection connection) {
        if (connection instanceof ConnectionBase base && !base.isSsl() && !base.isTrafficShaped()) {
            return base;
        }
        return null;
    }

    /**
     * Starts sending {@code cut} with {@code status} and {@code headers} and returns at once. The
     * cut is closed and the response ended when the returned future completes, in every case, so
     * nobody else writes to it afterwards. A cut of whole files (a rough cut) goes out with
     * {@code sendfile}, file by file; any other is read into chunks.
     *
     * @param eventLoop  the context of the request, where every step of the send runs
     * @param connection the request's connection: closed at once when a cut fails midway
     */
    static CompletableFuture<Void> send(HttpServerResponse out, Context eventLoop, HttpConnection connection,
            int status, Map<String, String> headers, CutStream cut) {
        CutSender sender = new CutSender(out, eventLoop, connection, status, headers, cut);
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
        pump();
    }

    /** Reads (or opens) the next unit on a reader thread; its outcome comes back to the event loop. */
    private void readNext() {
        reading = true;
        held++;
        if (files != null) {
            Path next = files.hasNext() ? files.next() : null;
            READERS.execute(() -> {
                Unit opened = null;
                IOException failure = null;
                if (next != null) {
                    try {
                        opened = FileUnit.open(next);
                    } catch (IOException e) {
                        failure = e;
                    }
                }
                Unit unit = opened;
                IOException failed = failure;
                eventLoop.runOnContext(v -> onRead(unit, next == null, failed));
            });
            return;
        }
        byte[] chunk = free.poll();
        if (chunk == null) {
            chunk = new byte[CHUNK];
            arrays++;
        }
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
            Chunk read = new Chunk(into, Math.max(n, 0));
            IOException failed = failure;
            boolean end = n < 0;
            eventLoop.runOnContext(v -> onRead(read, end, failed));
        });
    }

    private void onRead(Unit unit, boolean end, IOException failure) {
        reading = false;
        if (clientGone) {
            release(unit);
            finish();
            return;
        }
        if (failure != null) {
            release(unit);
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
        if (end) {
            release(unit);
            // the units read ahead go out first: at most CHUNKS of them, queued in Netty
            while (!ready.isEmpty()) {
                write(ready.poll());
            }
            allRead = true;
            if (files == null) {
                // bytes written to Vert.x fail only with the connection: end behind them at once
                finish();
            } else {
                finishWhenWritten();
            }
            return;
        }
        if (unit.length() > 0) {
            ready.add(unit);
            flush();
        } else {
            release(unit);
        }
        pump();
    }

    /** Writes the units read ahead while Vert.x has room; the drain handler writes the rest. */
    private void flush() {
        while (!finished && !ready.isEmpty() && !out.writeQueueFull()) {
            write(ready.poll());
        }
    }

    /**
     * Reads ahead while fewer than {@link #CHUNKS} units are held, so the next one is ready when
     * the socket drains (a read waiting for the drain would leave the socket idle meanwhile);
     * with every unit read and unwritten, a stalled client has stopped the cut without holding a
     * thread.
     */
    private void pump() {
        if (finished || reading || allRead) {
            return;
        }
        if (clientGone) {
            finish();
            return;
        }
        if (held >= CHUNKS || files == null && free.isEmpty() && !mayAllocate()) {
            return;
        }
        readNext();
    }

    /** Whether this cut may take one more chunk array: its first always, more within {@link #BUDGET}. */
    private boolean mayAllocate() {
        if (ALLOCATED.incrementAndGet() <= BUDGET || arrays == 0) {
            return true;
        }
        ALLOCATED.decrementAndGet();
        return false; // no read-ahead for now: the next write that completes frees one of its own
    }

    private void writeHead() {
        out.setStatusCode(status);
        headers.forEach(out::putHeader);
        out.setChunked(true);
        if (files != null) {
            // the file regions go to the channel behind Vert.x's back: the head must be there first
            out.write(Buffer.buffer());
        }
        headWritten = true;
    }

    private void write(Unit unit) {
        switch (unit) {
            case Chunk chunk -> writeChunk(chunk);
            case FileUnit file -> writeFile(file);
        }
    }

    /**
     * Hands one chunk to Vert.x without a copy (the array goes back to the pool once written or
     * failed). {@code Buffer.buffer(ByteBuf)} is deprecated in Vert.x 4 (Vert.x 5 hides Netty),
     * but it is the one way to pass bytes without copying them.
     */
    @SuppressWarnings("deprecation")
    private void writeChunk(Chunk chunk) {
        out.write(Buffer.buffer(Unpooled.wrappedBuffer(chunk.bytes(), 0, chunk.count()))).onComplete(done -> {
            free.push(chunk.bytes());
            held--;
            pump();
        });
    }

    /**
     * Hands one file to the kernel ({@code sendfile}): no byte of it passes through the JVM. A
     * region that fails with the connection still open (the file shrank, a read error) fails the
     * cut midway; the response is ended only once every region is written, so a failed one can
     * never be followed by the chunked body's end.
     */
    private void writeFile(FileUnit file) {
        try {
            zeroCopy.sendFile(file.file(), 0, file.length()).addListener(done -> {
                held--;
                if (done.isSuccess()) {
                    cut.sentDirectly(file.length());
                    finishWhenWritten();
                    pump();
                } else if (!zeroCopy.channel().isActive()) {
                    gone();
                } else if (!finished) {
                    failMidway(new IOException(String.valueOf(done.cause().getMessage()), done.cause()));
                    finish();
                }
            });
        } catch (IOException e) {
            release(file);
            failMidway(e);
            finish();
        }
    }

    private void finishWhenWritten() {
        if (allRead && held == 0 && !finished) {
            cut.sentCompletely();
            finish();
        }
    }

    /** Gives back what a unit holds (its array to the pool, its file closed); null for an end or a failure. */
    private void release(Unit unit) {
        held--;
        if (unit == null) {
            return;
        }
        switch (unit) {
            case Chunk chunk -> free.push(chunk.bytes());
            case FileUnit file -> file.close();
        }
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
        while (!ready.isEmpty()) {
            release(ready.poll());
        }
        ALLOCATED.addAndGet(-arrays);
        arrays = 0;
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
        connection.close();
    }

    /** What one read produced: a chunk of bytes, or a whole file opened for sendfile. */
    private sealed interface Unit permits Chunk, FileUnit {
        long length();
    }

    /** A chunk read and not yet handed to Vert.x. */
    private record Chunk(byte[] bytes, int count) implements Unit {
        @Override
        public long length() {
            return count;
        }
    }

    /** A file opened (on a reader thread, so a slow disk never stalls the event loop) with its length then. */
    private record FileUnit(RandomAccessFile file, long length) implements Unit {
        static FileUnit open(Path path) throws IOException {
            RandomAccessFile file = new RandomAccessFile(path.toFile(), "r");
            try {
                return new FileUnit(file, file.length());
            } catch (IOException e) {
                file.close();
                throw e;
            }
        }

        /** Closes a file never handed to Vert.x (its sendFile closes the ones it was given). */
        void close() {
            try {
                file.close();
            } catch (IOException e) {
                // read-only: nothing to lose
            }
        }
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

package org.streamvault.segments;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Bytes on their way into a new file, SHA-256-hashed as they pass: how the downloader
 * ({@code download.TempSegment}) and the backfiller ({@code backfill.SegmentWriter}) both write a
 * segment's temp file. The caller decides the final name from {@link #digest} and renames.
 *
 * <p>Why it batches: a socket read returns what has arrived (anything from a few bytes to ~60 KB
 * on loopback), and writing each read as it came was one {@code write} syscall and one hash call
 * per read. Bytes are gathered in a {@value #BUFFER}-byte buffer (reused across files, so nothing
 * is allocated or zeroed per segment) and hashed and written when it is full or the body ends.
 * Not bigger: with 256 KB buffers the kernel's copy into the page cache cost 10-15 times as much
 * CPU per byte in the downloader benchmark (async-profiler, {@code copy_folio_from_iter_atomic},
 * two runs each way, one on a quiet machine). That copy was later found to cost 5-10 times as
 * much on this kind of virtual machine while writeback runs, which those runs did not control
 * for, so part of the difference may be that; 64 KB was not worse in any run. Whatever was
 * received reaches the file before {@link #transferFrom} rethrows a failed read, so a broken
 * transfer keeps every byte that arrived. Not thread-safe: one writer per file.
 */
public final class HashingFileWriter implements Closeable {
    static final int BUFFER = 64 * 1024;
    /** Spare buffers for the next files; more writers than this at once just allocate their own. */
    private static final ArrayBlockingQueue<byte[]> SPARE = new ArrayBlockingQueue<>(32);

    private final FileChannel channel;
    private final MessageDigest digest = SegmentHash.newDigest();
    private byte[] buffer;
    private int buffered;
    private long bytes;
    private boolean closed;
    private boolean failed;

    private HashingFileWriter(FileChannel channel) {
        this.channel = channel;
    }

    /** Creates {@code path}, which must not exist yet. */
    public static HashingFileWriter createNew(Path path) throws IOException {
        return new HashingFileWriter(FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    }

    /** Adds {@code len} bytes of {@code b}. */
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        while (len > 0) {
            int n = Math.min(len, buffer().length - buffered);
            System.arraycopy(b, off, buffer, buffered, n);
            buffered += n;
            bytes += n;
            off += n;
            len -= n;
            if (buffered == buffer.length) {
                flush();
            }
        }
    }

    /**
     * Reads {@code in} to its end into the file; returns the bytes read. If a read fails, what
     * came before it is written out first and the failure is rethrown ({@link #bytes} counts it).
     */
    public long transferFrom(InputStream in) throws IOException {
        ensureOpen();
        long before = bytes;
        byte[] buf = buffer();
        try {
            int n;
            while ((n = in.read(buf, buffered, buf.length - buffered)) >= 0) {
                buffered += n;
                bytes += n;
                if (buffered == buf.length) {
                    flush();
                }
            }
        } catch (IOException | RuntimeException e) {
            flushQuietly(e);
            throw e;
        }
        return bytes - before;
    }

    /** Bytes received so far (written or about to be). */
    public long bytes() {
        return bytes;
    }

    /** Writes out what is buffered, closes the file and returns the SHA-256 of everything written. */
    public byte[] digest() throws IOException {
        close();
        return digest.digest();
    }

    /**
     * Writes out what is buffered and closes the file; the buffer goes back for the next file.
     * Throws if any write failed, now or before: the file is then not what was received.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            if (failed) {
                throw new IOException("an earlier write to this file failed");
            }
            return;
        }
        closed = true;
        try (channel) {
            flush();
        } finally {
            release();
        }
    }

    private byte[] buffer() {
        if (buffer == null) {
            byte[] spare = SPARE.poll();
            buffer = spare != null ? spare : new byte[BUFFER];
        }
        return buffer;
    }

    private void release() {
        if (buffer != null) {
            SPARE.offer(buffer);
            buffer = null;
        }
    }

    private void flush() throws IOException {
        if (failed) {
            throw new IOException("an earlier write to this file failed");
        }
        if (buffered == 0) {
            return;
        }
        ByteBuffer out = ByteBuffer.wrap(buffer, 0, buffered);
        try {
            while (out.hasRemaining()) {
                channel.write(out);
            }
        } catch (IOException | RuntimeException e) {
            // part of the buffer may be in the file: neither the file nor the hash can be trusted now
            failed = true;
            throw e;
        }
        // hashed once written, so the digest covers exactly the bytes in the file
        digest.update(buffer, 0, buffered);
        buffered = 0;
    }

    private void flushQuietly(Exception cause) {
        try {
            flush();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("writer already closed");
        }
    }
}

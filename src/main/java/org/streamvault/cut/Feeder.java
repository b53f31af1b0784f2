package org.streamvault.cut;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Copies bytes (segment files one after the other, or a re-timed cut) into an ffmpeg that reads
 * them as one input: its stdin, or a FIFO it opened as one of several inputs. Runs on a thread of
 * its own so ffmpeg can read at its own pace; the pipe's back-pressure keeps memory to one buffer.
 *
 * <p>Only a failure to <em>read</em> the bytes is the cut's failure ({@link #check()}): a write
 * that fails because ffmpeg closed its end (it stopped, was killed, or needed no more) just ends
 * the copy.
 */
final class Feeder {
    /** Where the bytes come from; opened on the feeder's thread, closed when the copy ends. */
    interface Bytes {
        InputStream open() throws IOException;
    }

    private interface Target {
        OutputStream open() throws IOException;
    }

    private final Path fifo;
    private volatile IOException readFailure;
    private volatile boolean opened;
    private volatile boolean done;

    private Feeder(Path fifo) {
        this.fifo = fifo;
    }

    static Feeder toStdin(FfmpegProcess process, Bytes bytes) {
        Feeder f = new Feeder(null);
        f.start("ffmpeg-stdin-" + process.pid(), process::stdin, bytes);
        return f;
    }

    /** Feeds a FIFO; opening it blocks until ffmpeg opens the other end. */
    static Feeder toFifo(Path fifo, Bytes bytes) {
        Feeder f = new Feeder(fifo);
        f.start("ffmpeg-fifo-" + fifo.getFileName(), () -> new FileOutputStream(fifo.toFile()), bytes);
        return f;
    }

    /** Fails with the read failure, if the bytes could not be read to their end. */
    void check() throws IOException {
        IOException failure = readFailure;
        if (failure != null) {
            throw new CutFailedException("reading the segments failed: " + failure.getMessage(), failure);
        }
    }

    /**
     * After ffmpeg has gone: a feeder still waiting to open its FIFO (ffmpeg died before opening
     * it) would wait for ever, so the other end is opened and closed here, which lets it fail.
     * Opened read-write: on Linux that never blocks on a FIFO (fifo(7)) and still counts as the
     * reader a waiting writer needs. A plain read-only open blocked for ever when the feeder had
     * just stopped waiting on its own, leaking the thread that did it.
     */
    void release() {
        if (fifo == null || opened || done) {
            return;
        }
        try {
            // closed at once: the writer's first write fails, since nothing reads any more
            new RandomAccessFile(fifo.toFile(), "rw").close();
        } catch (IOException e) {
            // the FIFO is gone already: so is the writer
        }
    }

    private void start(String name, Target target, Bytes bytes) {
        // a platform thread: opening a FIFO blocks in the kernel, which would pin a virtual thread's carrier
        Thread.ofPlatform().daemon().name(name).start(() -> copy(target, bytes));
    }

    private void copy(Target target, Bytes bytes) {
        try (OutputStream out = target.open()) {
            opened = true;
            pump(bytes, out);
        } catch (IOException e) {
            // the target could not be opened or closed: ffmpeg is gone
        } finally {
            done = true;
        }
    }

    private void pump(Bytes bytes, OutputStream out) {
        byte[] buf = new byte[1 << 16];
        InputStream in = null;
        try {
            in = bytes.open();
            while (true) {
                int n = in.read(buf);
                if (n < 0) {
                    return;
                }
                try {
                    out.write(buf, 0, n);
                } catch (IOException e) {
                    return; // ffmpeg closed its end: nothing more is wanted
                }
            }
        } catch (IOException e) {
            readFailure = e;
        } finally {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException e) {
                    // the copy is over either way
                }
            }
        }
    }
}

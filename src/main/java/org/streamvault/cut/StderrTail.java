package org.streamvault.cut;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The last bytes a child process (ffmpeg, ffprobe) wrote to stderr, drained by a virtual thread
 * into a ring buffer: a failure can say what the tool said, stderr never fills up and blocks the
 * tool, and no more than {@code capacity} bytes of it are ever held.
 */
public final class StderrTail {
    private final byte[] tail;
    private long written;
    private final Thread drainer;

    /** Starts draining {@code process}'s stderr on a virtual thread named {@code threadName}. */
    public StderrTail(Process process, int capacity, String threadName) {
        this.tail = new byte[capacity];
        this.drainer = Thread.ofVirtual().name(threadName).start(() -> drain(process));
    }

    /** Waits (at most 5 s) until stderr has been read to its end; call after the process exited. */
    public void awaitDrained() throws InterruptedException {
        drainer.join(TimeUnit.SECONDS.toMillis(5));
    }

    /** What was kept, on one line (line breaks become " | "). */
    public synchronized String text() {
        int size = (int) Math.min(written, tail.length);
        byte[] out = new byte[size];
        int start = (int) ((written - size) % tail.length);
        for (int i = 0; i < size; i++) {
            out[i] = tail[(start + i) % tail.length];
        }
        return new String(out, StandardCharsets.UTF_8).strip().replaceAll("\\s*\n\\s*", " | ");
    }

    private void drain(Process process) {
        byte[] buf = new byte[1024];
        try (InputStream err = process.getErrorStream()) {
            int n;
            while ((n = err.read(buf)) > 0) {
                synchronized (this) {
                    for (int i = 0; i < n; i++) {
                        tail[(int) (written++ % tail.length)] = buf[i];
                    }
                }
            }
        } catch (IOException e) {
            // the process is gone; what was read so far is all there is
        }
    }

    /**
     * Asks {@code process} to stop (SIGTERM) and, if it still runs after {@code grace}, kills it
     * (SIGKILL). Never blocks, so it may run on an event loop; Java's process reaper collects the
     * exit status, so no zombie remains.
     */
    public static void stop(Process process, java.time.Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        // Through the handle: Process.destroy() first closes stdin, which blocks while a feeder
        // thread is stuck writing into it (the tool stopped reading because nobody reads its stdout).
        ProcessHandle handle = process.toHandle();
        handle.destroy();
        java.util.concurrent.CompletableFuture.delayedExecutor(grace.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (handle.isAlive()) {
                handle.destroyForcibly();
            }
        });
    }
}

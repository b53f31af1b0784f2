package org.streamvault.images;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One ffmpeg or ffprobe run of an image request: stdout piped to the caller, stdin closed or piped
 * from the caller, stderr drained by a virtual thread into a small ring buffer (so a failure can
 * say what ffmpeg said, and stderr never fills up and blocks ffmpeg). Stopped with SIGTERM, then
 * SIGKILL after a grace period, without ever blocking the caller.
 */
public final class MediaProcess implements AutoCloseable {
    static final int STDERR_TAIL_BYTES = 2048;
    private static final File NO_INPUT = new File("/dev/null");

    private final String name;
    private final Process process;
    private final Duration killGrace;
    private final byte[] tail = new byte[STDERR_TAIL_BYTES];
    private long tailWritten;
    private final Thread drainer;

    private MediaProcess(String name, Process process, Duration killGrace) {
        this.name = name;
        this.process = process;
        this.killGrace = killGrace;
        this.drainer = Thread.ofVirtual().name("image-stderr-" + process.pid()).start(this::drainStderr);
    }

    /**
     * Starts {@code command}.
     *
     * @param pipedInput true to give the process a stdin pipe ({@link #stdin()}), else /dev/null
     */
    static MediaProcess start(List<String> command, boolean pipedInput, Duration killGrace) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (!pipedInput) {
            builder.redirectInput(ProcessBuilder.Redirect.from(NO_INPUT));
        }
        try {
            return new MediaProcess(new File(command.get(0)).getName(), builder.start(), killGrace);
        } catch (IOException e) {
            throw new IOException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    public InputStream stdout() {
        return process.getInputStream();
    }

    OutputStream stdin() {
        return process.getOutputStream();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /**
     * Waits for the exit (stdout must have been read to its end) and fails with the end of
     * stderr if the status is not 0.
     */
    public void awaitSuccess() throws IOException {
        int status;
        try {
            status = process.waitFor();
            drainer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IOException(name + " interrupted");
        }
        if (status != 0) {
            String said = stderrTail();
            throw new IOException(name + " failed (exit " + status + ")" + (said.isEmpty() ? "" : ": " + said));
        }
    }

    /** SIGTERM now, SIGKILL after the grace period if it is still running. Never blocks. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        CompletableFuture.delayedExecutor(killGrace.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        });
    }

    /** The last bytes written to stderr, on one line. */
    public synchronized String stderrTail() {
        int size = (int) Math.min(tailWritten, tail.length);
        byte[] out = new byte[size];
        int start = (int) ((tailWritten - size) % tail.length);
        for (int i = 0; i < size; i++) {
            out[i] = tail[(start + i) % tail.length];
        }
        return new String(out, StandardCharsets.UTF_8).strip().replaceAll("\\s*\n\\s*", " | ");
    }

    private void drainStderr() {
        byte[] buf = new byte[1024];
        try (InputStream err = process.getErrorStream()) {
            int n;
            while ((n = err.read(buf)) > 0) {
                synchronized (this) {
                    for (int i = 0; i < n; i++) {
                        tail[(int) (tailWritten++ % tail.length)] = buf[i];
                    }
                }
            }
        } catch (IOException e) {
            // the process is gone; what was read is all there is
        }
    }
}

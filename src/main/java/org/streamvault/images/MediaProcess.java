package org.streamvault.images;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import org.streamvault.cut.StderrTail;
import java.util.concurrent.CompletableFuture;

/**
 * One ffmpeg or ffprobe run of an image request: stdout piped to the caller, stdin closed or piped
 * from the caller, stderr drained by a virtual thread into a small ring buffer (so a failure can
 * say what ffmpeg said, and stderr never fills up and blocks ffmpeg). Stopped with SIGTERM, then
 * SIGKILL after a grace period, without ever blocking the caller (both through {@link StderrTail}).
 */
public final class MediaProcess implements AutoCloseable {
    static final int STDERR_TAIL_BYTES = 2048;
    private static final File NO_INPUT = new File("/dev/null");

    private final String name;
    private final Process process;
    private final Duration killGrace;
    private final StderrTail stderr;

    private MediaProcess(String name, Process process, Duration killGrace) {
        this.name = name;
        this.process = process;
        this.killGrace = killGrace;
        this.stderr = new StderrTail(process, STDERR_TAIL_BYTES, "image-stderr-" + process.pid());
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
            stderr.awaitDrained();
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
        StderrTail.stop(process, killGrace);
    }

    /** The last bytes written to stderr, on one line. */
    public String stderrTail() {
        return stderr.text();
    }

}

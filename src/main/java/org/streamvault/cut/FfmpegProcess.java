package org.streamvault.cut;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One ffmpeg (or ffprobe) run: stdout piped to the caller, stdin closed, stderr drained by a
 * virtual thread into a small ring buffer so a failure can say what ffmpeg said without ever
 * holding more than {@link #STDERR_TAIL_BYTES} of it. camel-exec is not used because it buffers
 * stdout in memory; a cut's stdout is the video.
 */
final class FfmpegProcess {
    static final int STDERR_TAIL_BYTES = 4096;
    private static final File NO_INPUT = new File("/dev/null");

    private final String name;
    private final Process process;
    private final StderrTail stderr;

    private FfmpegProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.stderr = new StderrTail(process, STDERR_TAIL_BYTES, "ffmpeg-stderr-" + process.pid());
    }

    /**
     * Starts {@code command} (named {@code name} in errors: the command may start with {@code nice});
     * stdout goes to {@code output} when given, else to a pipe; stdin is a pipe ({@link #stdin()})
     * when {@code withInput}, else empty.
     */
    static FfmpegProcess start(String name, List<String> command, File output, boolean withInput)
            throws CutFailedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (!withInput) {
            builder.redirectInput(ProcessBuilder.Redirect.from(NO_INPUT));
        }
        if (output != null) {
            builder.redirectOutput(output);
        }
        try {
            return new FfmpegProcess(name, builder.start());
        } catch (IOException e) {
            throw new CutFailedException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    OutputStream stdin() {
        return process.getOutputStream();
    }

    InputStream stdout() {
        return process.getInputStream();
    }

    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /**
     * Waits for the exit and fails with the end of stderr if the exit status is not 0. Stdout
     * must have been read to its end (or redirected), or this waits for ever.
     */
    void awaitSuccess() throws CutFailedException {
        int status;
        try {
            status = process.waitFor();
            stderr.awaitDrained();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(Duration.ZERO);
            throw new CutFailedException(name + " interrupted");
        }
        if (status != 0) {
            String said = stderrTail();
            throw new CutFailedException(name + " failed (exit " + status + ")"
                    + (said.isEmpty() ? "" : ": " + said));
        }
    }

    /**
     * Asks the process to stop (SIGTERM) and, if it is still running after {@code grace}, kills it
     * (SIGKILL). Never blocks, so it may run on an event loop; Java's process reaper collects the
     * exit status, so no zombie remains.
     */
    void kill(Duration grace) {
        StderrTail.stop(process, grace);
    }

    /** The last few KB ffmpeg wrote to stderr, on one line. */
    String stderrTail() {
        return stderr.text();
    }

}

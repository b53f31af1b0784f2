package org.streamvault.cut;

import java.io.File;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * A cut being made, read as a stream: a sequence of {@link Source}s (segment files, ffmpeg
 * outputs, spooled temp files) opened one after the other as the consumer reads, so at most one
 * buffer of video is in memory whatever the length of the cut.
 *
 * <p>{@link #close()} may come from any thread at any time, also while another thread is
 * blocked in {@link #read}: it stops every ffmpeg of this cut (SIGTERM, then SIGKILL after the
 * grace period) and deletes the cut's temp directory once they have exited. It never blocks, so
 * an HTTP server may call it from its event loop when the client goes away. A read after close,
 * or one that was waiting when close came, fails with an {@link IOException}.
 */
public final class CutStream extends InputStream {

    /** One consecutive stretch of the output; opened when the previous one is used up. */
    interface Source {
        InputStream open(CutStream cut) throws IOException;
    }

    private final Iterator<Source> sources;
    private final List<Path> wholeFiles;
    private final CutSettings settings;
    private final Path tempRoot;
    private final Duration killGrace;
    private final ReentrantLock readLock = new ReentrantLock();
    private final List<FfmpegProcess> processes = new ArrayList<>();
    private final List<Runnable> closeListeners = new ArrayList<>();
    private final List<Feeder> feeders = new ArrayList<>();
    private Path tempDir;
    private InputStream current;
    private volatile boolean closed;
    private volatile long bytesRead;
    private volatile boolean complete;

    CutStream(List<Source> sources, CutSettings settings) {
        this(sources, null, settings);
    }

    private CutStream(List<Source> sources, List<Path> wholeFiles, CutSettings settings) {
        this.sources = List.copyOf(sources).iterator();
        this.wholeFiles = wholeFiles;
        this.settings = settings;
        this.tempRoot = settings.tempDir();
        this.killGrace = settings.killGrace();
    }

    /** A cut that is exactly {@code files}, whole and in order (a rough cut): see {@link #wholeFiles()}. */
    static CutStream ofWholeFiles(List<Path> files, CutSettings settings) {
        List<Source> sources = new ArrayList<>();
        for (Path file : files) {
            sources.add(cut -> Files.newInputStream(file));
        }
        return new CutStream(sources, List.copyOf(files), settings);
    }

    /**
     * The files this cut is, byte for byte and in order, when it is nothing else (a rough cut);
     * empty for every cut that goes through ffmpeg or re-timing. A consumer may then send the
     * files itself (the kernel's {@code sendfile}, no copy through the JVM) instead of calling
     * {@link #read}, telling the cut what it sent with {@link #sentDirectly} and
     * {@link #sentCompletely}, so its metrics and logs read the same either way.
     */
    public Optional<List<Path>> wholeFiles() {
        return Optional.ofNullable(wholeFiles);
    }

    /** Counts {@code bytes} of {@link #wholeFiles()} as delivered by the consumer itself. */
    public void sentDirectly(long bytes) {
        bytesRead += bytes;
    }

    /** Marks a cut whose {@link #wholeFiles()} the consumer has delivered to the end. */
    public void sentCompletely() {
        complete = true;
    }

    /** True once the whole cut has been read (the consumer saw the end of the stream). */
    public boolean isComplete() {
        return complete;
    }

    /** Bytes handed to the consumer so far. */
    public long bytesRead() {
        return bytesRead;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        readLock.lock();
        try {
            while (true) {
                checkOpen();
                if (current == null) {
                    if (!sources.hasNext()) {
                        complete = true;
                        releaseFiles();
                        return -1;
                    }
                    current = sources.next().open(this);
                    continue;
                }
                int n = current.read(buf, off, len);
                checkOpen();
                if (n >= 0) {
                    bytesRead += n;
                    return n;
                }
                InputStream done = current;
                current = null;
                done.close();
            }
        } catch (IOException | RuntimeException e) {
            closeCurrentQuietly();
            // whatever a killed process or a closed pipe made the read fail with, the cause is the close
            checkOpen();
            throw e;
        } finally {
            readLock.unlock();
        }
    }

    /** Runs {@code listener} once when the stream is closed (metrics, logs); at once if it already is. */
    public void onClose(Runnable listener) {
        synchronized (this) {
            if (!closed) {
                closeListeners.add(listener);
                return;
            }
        }
        listener.run();
    }

    /** Stops the cut: see the class comment. Idempotent. */
    @Override
    public void close() {
        List<FfmpegProcess> running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = List.copyOf(processes);
        }
        running.forEach(p -> p.kill(killGrace));
        // The reader, if one is blocked, closes its own stream when it wakes up (the killed
        // ffmpeg ends its pipe); closing under its feet could block on some streams.
        if (readLock.tryLock()) {
            try {
                closeCurrentQuietly();
            } finally {
                readLock.unlock();
            }
        }
        CompletableFuture.allOf(running.stream().map(FfmpegProcess::onExit).toArray(CompletableFuture[]::new))
                .whenComplete((ok, failure) -> {
                    List<Feeder> waiting;
                    synchronized (this) {
                        waiting = List.copyOf(feeders);
                    }
                    waiting.forEach(Feeder::release);
                    deleteTempDir();
                });
        for (Runnable listener : closeListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                // a listener (metrics, logs) must not keep the others from running
            }
        }
    }

    /** Starts an ffmpeg that belongs to this cut (killed by {@link #close()}). */
    FfmpegProcess start(List<String> command, File output) throws IOException {
        return start(command, output, false);
    }

    private FfmpegProcess start(List<String> command, File output, boolean withInput) throws IOException {
        FfmpegProcess p = FfmpegProcess.start(command.get(0), settings.launched(command), output, withInput);
        synchronized (this) {
            if (!closed) {
                processes.add(p);
                return p;
            }
        }
        p.kill(Duration.ZERO);
        throw closedException();
    }

    /** Runs a command to its end, failing with its stderr if it fails. */
    void run(List<String> command, File output) throws IOException {
        FfmpegProcess p = start(command, output);
        if (output == null) {
            p.stdout().transferTo(OutputStream.nullOutputStream());
        }
        awaitSuccess(p);
    }

    /** Runs a command and returns its (small) stdout as text. */
    String capture(List<String> command) throws IOException {
        FfmpegProcess p = start(command, null);
        String out = new String(p.stdout().readNBytes(1 << 20), java.nio.charset.StandardCharsets.UTF_8);
        p.stdout().transferTo(OutputStream.nullOutputStream());
        awaitSuccess(p);
        return out;
    }

    /** The stdout of a command as a stream that fails at its end if the command failed. */
    InputStream pipe(List<String> command) throws IOException {
        FfmpegProcess p = start(command, null);
        return new FilterInputStream(p.stdout()) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) {
                    awaitSuccess(p);
                }
                return n;
            }
        };
    }

    /**
     * The stdout of a command that reads {@code input} on its stdin (fed by a {@link Feeder}); fails
     * at its end if the command failed or the input could not be read.
     */
    InputStream pipe(List<String> command, Feeder.Bytes input) throws IOException {
        FfmpegProcess p = start(command, null, true);
        Feeder feeder = Feeder.toStdin(p, input);
        return new FilterInputStream(p.stdout()) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) {
                    awaitSuccess(p);
                    feeder.check();
                }
                return n;
            }
        };
    }

    /**
     * A FIFO in the temp directory, fed {@code input} as soon as a process opens it: how an ffmpeg
     * with several inputs gets each as one byte stream. {@link #checkFeeders()} reports a failed read.
     */
    Path fifo(String name, Feeder.Bytes input) throws IOException {
        Path fifo = tempDir().resolve(name);
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
        try {
            String said = new String(mkfifo.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (mkfifo.waitFor() != 0) {
                throw new CutFailedException("mkfifo failed: " + said.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutFailedException("interrupted making a FIFO");
        }
        Feeder feeder = Feeder.toFifo(fifo, input);
        synchronized (this) {
            feeders.add(feeder);
        }
        return fifo;
    }

    /** Fails if a FIFO feeder could not read its input to the end; releases those still waiting. */
    void checkFeeders() throws IOException {
        List<Feeder> all;
        synchronized (this) {
            all = List.copyOf(feeders);
        }
        all.forEach(Feeder::release);
        for (Feeder f : all) {
            f.check();
        }
    }

    /** The sources read one after the other, each opened when the previous one is used up. */
    InputStream sequence(List<Source> parts) {
        Iterator<Source> next = List.copyOf(parts).iterator();
        return new InputStream() {
            private InputStream current;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                while (true) {
                    checkOpen();
                    if (current == null) {
                        if (!next.hasNext()) {
                            return -1;
                        }
                        current = next.next().open(CutStream.this);
                    }
                    int n = current.read(b, off, len);
                    if (n >= 0) {
                        return n;
                    }
                    current.close();
                    current = null;
                }
            }

            @Override
            public void close() throws IOException {
                if (current != null) {
                    current.close();
                }
            }
        };
    }

    /** This cut's own temp directory, made on first use; removed when the cut is closed. */
    synchronized Path tempDir() throws IOException {
        if (closed) {
            throw closedException();
        }
        if (tempDir == null) {
            Files.createDirectories(tempRoot);
            tempDir = Files.createTempDirectory(tempRoot, "streamvault-cut-");
        }
        return tempDir;
    }

    /** A process killed because the cut was closed reports the close, not its exit status. */
    private void awaitSuccess(FfmpegProcess p) throws IOException {
        try {
            p.awaitSuccess();
        } catch (CutFailedException e) {
            checkOpen();
            throw e;
        }
        checkOpen();
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw closedException();
        }
    }

    private static IOException closedException() {
        return new IOException("the cut was closed");
    }

    /** At the end of a complete read the temp files are no longer needed, even before close. */
    private void releaseFiles() {
        deleteTempDir();
    }

    private void closeCurrentQuietly() {
        InputStream c = current;
        current = null;
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // nothing more to do with it
            }
        }
    }

    private synchronized void deleteTempDir() {
        Path dir = tempDir;
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            tempDir = null;
        } catch (IOException | UncheckedIOException e) {
            // left for the operator's tmp cleaner; the cut itself is over
        }
    }
}

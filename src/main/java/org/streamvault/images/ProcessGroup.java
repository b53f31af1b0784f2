package org.streamvault.images;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The processes of one image request, so that a client going away can stop them all from another
 * thread ({@link #close()}, which never blocks). A process started after the close is stopped at
 * once and the start fails, so a request cannot outlive its client by starting one more ffmpeg.
 */
public final class ProcessGroup implements AutoCloseable {
    private final Duration killGrace;
    private final List<MediaProcess> processes = new ArrayList<>();
    private boolean closed;

    public ProcessGroup(Duration killGrace) {
        this.killGrace = killGrace;
    }

    MediaProcess start(List<String> command, boolean pipedInput) throws IOException {
        MediaProcess p = MediaProcess.start(command, pipedInput, killGrace);
        synchronized (this) {
            if (!closed) {
                processes.add(p);
                return p;
            }
        }
        p.close();
        throw new IOException("the request was closed");
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        List<MediaProcess> running;
        synchronized (this) {
            closed = true;
            running = List.copyOf(processes);
        }
        running.forEach(MediaProcess::close);
    }
}

package org.streamvault.backfill;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A response body with a deadline. A read can block for a whole socket timeout, and a body that
 * trickles resets that timeout with every byte, so a per-read timeout never bounds a transfer; at
 * the deadline a timer runs {@code abort} (which must close the connection under the blocked
 * read, not drain it) and every read from then on fails with a {@link BodyTimeoutException}.
 */
final class DeadlineInputStream extends FilterInputStream {
    private final Runnable abort;
    private final String what;
    private final ScheduledFuture<?> timer;
    private volatile boolean expired;

    /**
     * @param remainingNanos time left until the deadline (0 or less: already expired)
     * @param what           the transfer, for the exception's message ("GET ... within 60 s")
     */
    DeadlineInputStream(InputStream in, Runnable abort, ScheduledExecutorService timers, long remainingNanos,
            String what) {
        super(in);
        this.abort = abort;
        this.what = what;
        if (remainingNanos <= 0) {
            expired = true;
            timer = null;
            abort.run();
        } else {
            timer = timers.schedule(this::expire, remainingNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void expire() {
        expired = true;
        abort.run();
    }

    boolean expired() {
        return expired;
    }

    private BodyTimeoutException timeout(IOException cause) {
        BodyTimeoutException e = new BodyTimeoutException(what + " did not finish in time");
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    @Override
    public int read() throws IOException {
        if (expired) {
            throw timeout(null);
        }
        try {
            return super.read();
        } catch (IOException e) {
            throw expired ? timeout(e) : e;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (expired) {
            throw timeout(null);
        }
        int n;
        try {
            n = super.read(b, off, len);
        } catch (IOException e) {
            throw expired ? timeout(e) : e;
        }
        if (expired) {
            throw timeout(null); // an aborted stream may report a clean end: never trust it
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        if (timer != null) {
            timer.cancel(false);
        }
        super.close();
    }
}

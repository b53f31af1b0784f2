package org.streamvault.backfill;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamvault.metrics.Timing;

/**
 * Everything that belongs to one peer: its own pass thread and fetch pool (so a dead or slow
 * peer only ever holds its own threads and never delays the others), and its schedule — the
 * next time a pass is due, pushed back exponentially after each failure in a row.
 */
final class PeerWorker {
    private static final Logger LOG = LoggerFactory.getLogger(PeerWorker.class);

    private final Peer peer;
    private final PeerPass pass;
    private final Backoff backoff;
    private final BackfillMetrics metrics;
    private final ExecutorService passThread;
    private final ExecutorService fetchPool;
    private long nextDueMillis;
    private int failures;
    private CompletableFuture<Boolean> running;

    PeerWorker(Peer peer, PeerPass pass, Backoff backoff, BackfillMetrics metrics, int concurrency, long nowMillis) {
        this.peer = peer;
        this.pass = pass;
        this.backoff = backoff;
        this.metrics = metrics;
        this.passThread = Executors.newSingleThreadExecutor(threads("backfill-" + peer.label() + "-pass"));
        this.fetchPool = Executors.newFixedThreadPool(concurrency, threads("backfill-" + peer.label() + "-fetch"));
        this.nextDueMillis = nowMillis;
    }

    Peer peer() {
        return peer;
    }

    /** Starts a pass on this peer's own thread if one is due and none is running. */
    synchronized void startIfDue(long nowMillis) {
        if (running == null && nowMillis >= nextDueMillis) {
            start();
        }
    }

    /**
     * Starts a pass now (for a one-off run), or joins the one already running; completes with
     * true when the pass went well.
     */
    synchronized CompletableFuture<Boolean> startNow() {
        return running != null ? running : start();
    }

    private CompletableFuture<Boolean> start() {
        running = CompletableFuture.supplyAsync(this::runPass, passThread);
        return running;
    }

    private boolean runPass() {
        boolean ok = false;
        try (Timing.Sample sample = metrics.pass(peer).start()) {
            try {
                sample.units(pass.run(peer, fetchPool));
                ok = true;
            } catch (InterruptedException e) {
                sample.failed(e);
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                sample.failed(e);
                metrics.error(peer);
                LOG.warn("backfill from {} failed ({} in a row): {}", peer.label(), failures + 1, oneLine(e));
            }
        } finally {
            finished(ok, System.currentTimeMillis());
        }
        return ok;
    }

    private synchronized void finished(boolean ok, long nowMillis) {
        running = null;
        failures = ok ? 0 : failures + 1;
        nextDueMillis = nowMillis + (ok ? backoff.afterSuccess() : backoff.afterFailure(failures));
    }

    /** Stops this peer's threads; a download in flight ends with its temp file deleted. */
    void stop() {
        passThread.shutdownNow();
        fetchPool.shutdownNow();
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

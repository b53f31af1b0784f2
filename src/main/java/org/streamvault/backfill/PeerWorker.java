package org.streamvault.backfill;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamvault.metrics.Timing;
import org.streamvault.segments.RateLimitedLog;

/**
 * Everything that belongs to one peer: its own pass thread and fetch pool (so a dead or slow
 * peer only ever holds its own threads and never delays the others), its memory of files that
 * keep failing ({@link FileFailures}), and its schedule — the next time a pass is due.
 *
 * <p>Only a pass that could not reach or list the peer at all pushes the next one back
 * exponentially ({@link Backoff#afterFailure}); a pass that copied anything resets that count.
 * A pass that lost the peer midway, or left files it failed to copy, comes back sooner than the
 * interval (the same 1 s, 2 s, 4 s... steps, counted separately), so a bad link costs a few
 * short rounds rather than a whole interval.
 */
final class PeerWorker {
    private static final Logger LOG = LoggerFactory.getLogger(PeerWorker.class);

    private final Peer peer;
    private final PeerPass pass;
    private final Backoff backoff;
    private final BackfillMetrics metrics;
    private final ExecutorService passThread;
    private final ExecutorService fetchPool;
    /** Retry pauses within a pass, and body deadlines: cheap timers off the fetch pool. */
    private final ScheduledExecutorService timers;
    private final FileFailures files;
    /** One line per failed request at most every 10 s: a bad link fails often. */
    private final RateLimitedLog failureLog = new RateLimitedLog(10_000);
    private long nextDueMillis;
    /** Passes in a row that could not reach or list the peer. */
    private int failures;
    /** Passes in a row that ended short of copying everything they saw missing. */
    private int unfinished;
    private CompletableFuture<Boolean> running;

    PeerWorker(Peer peer, PeerPass pass, Backoff backoff, BackfillMetrics metrics, int concurrency,
            FileFailures files, long nowMillis) {
        this.peer = peer;
        this.pass = pass;
        this.backoff = backoff;
        this.metrics = metrics;
        this.passThread = Executors.newSingleThreadExecutor(threads("backfill-" + peer.label() + "-pass"));
        this.fetchPool = Executors.newFixedThreadPool(concurrency, threads("backfill-" + peer.label() + "-fetch"));
        this.timers = Executors.newSingleThreadScheduledExecutor(threads("backfill-" + peer.label() + "-retry"));
        this.files = files;
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
     * true when the pass copied everything it saw missing.
     */
    synchronized CompletableFuture<Boolean> startNow() {
        return running != null ? running : start();
    }

    private CompletableFuture<Boolean> start() {
        running = CompletableFuture.supplyAsync(this::runPass, passThread);
        return running;
    }

    /** True when the pass copied everything it saw missing. */
    private boolean runPass() {
        PassResult result = null;
        try (Timing.Sample sample = metrics.pass(peer).start()) {
            try {
                result = pass.run(peer, fetchPool, timers, files, failureLog);
                sample.units(result.copied());
                if (!result.answered() || !result.complete()) {
                    sample.failed(new IOException(result.problem()));
                }
            } catch (InterruptedException e) {
                sample.failed(e);
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                sample.failed(e);
                LOG.warn("backfill from {}: pass failed unexpectedly: {}", peer.label(), oneLine(e));
            }
        } finally {
            finished(result, System.currentTimeMillis());
        }
        return result != null && result.clean();
    }

    private synchronized void finished(PassResult r, long nowMillis) {
        running = null;
        long delay;
        if (r == null || !r.answered() || (!r.complete() && r.copied() == 0)) {
            failures++;
            unfinished = 0;
            delay = backoff.afterFailure(failures);
            if (r != null) {
                metrics.error(peer);
                LOG.warn("backfill from {} failed ({} in a row): {}", peer.label(), failures, r.problem());
            }
        } else if (!r.complete()) {
            failures = 0;
            metrics.error(peer);
            LOG.warn("backfill from {}: lost the peer after copying {} file(s): {}", peer.label(), r.copied(),
                    r.problem());
            delay = backoff.afterFailure(++unfinished);
        } else if (r.failedFiles() > 0) {
            failures = 0;
            delay = Math.min(backoff.afterFailure(++unfinished), backoff.afterSuccess());
        } else {
            failures = 0;
            unfinished = 0;
            delay = backoff.afterSuccess();
        }
        nextDueMillis = nowMillis + delay;
    }

    /** Stops this peer's threads; a download in flight ends with its temp file deleted. */
    void stop() {
        passThread.shutdownNow();
        fetchPool.shutdownNow();
        timers.shutdownNow();
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

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
import org.streamvault.events.EventType;
import org.streamvault.events.NodeEvent;
import org.streamvault.events.NodeEvents;
import org.streamvault.metrics.Timing;
import org.streamvault.segments.RateLimitedLog;

/**
 * Everything that belongs to one peer: its own pass thread and fetch pool (so a dead or slow
 * peer only ever holds its own threads and never delays the others), its memory of files that
 * keep failing ({@link FileFailures}), and its schedule — the next time a pass is due.
 *
 * <p>{@link PassSchedule} decides from each pass's {@link PassResult} when the next is due:
 * only a peer that cannot be reached or listed is backed off.
 */
final class PeerWorker {
    private static final Logger LOG = LoggerFactory.getLogger(PeerWorker.class);

    private final Peer peer;
    private final PeerPass pass;
    private final BackfillMetrics metrics;
    private final ExecutorService passThread;
    private final ExecutorService fetchPool;
    /** The pauses before retries within a pass: timers, so a waiting file holds no fetch slot. */
    private final ScheduledExecutorService timers;
    private final FileFailures files;
    /** One line per failed request at most every 10 s: a bad link fails often. */
    private final RateLimitedLog failureLog = new RateLimitedLog(10_000);
    private final PassSchedule schedule;
    private long nextDueMillis;
    private CompletableFuture<PassResult> running;
    private final NodeEvents events;

    PeerWorker(Peer peer, PeerPass pass, Backoff backoff, BackfillMetrics metrics, int concurrency,
            FileFailures files, long nowMillis, NodeEvents events) {
        this.events = events;
        this.peer = peer;
        this.pass = pass;
        this.schedule = new PassSchedule(backoff);
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
     * its result (null when it ended by an unexpected error or was stopped).
     */
    synchronized CompletableFuture<PassResult> startNow() {
        return running != null ? running : start();
    }

    private CompletableFuture<PassResult> start() {
        running = CompletableFuture.supplyAsync(this::runPass, passThread);
        return running;
    }

    private PassResult runPass() {
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
        if (result != null) {
            events.publish(NodeEvent.of(EventType.BACKFILL_PASS, "peer", peer.label(), "peerUrl", peer.url(),
                    "copied", result.copied(), "failed", result.failedFiles(), "missing", result.missing(),
                    "unlistedHours", result.unlistedHours(), "answered", result.answered(),
                    "complete", result.complete(), "problem", result.problem()));
        }
        return result;
    }

    private synchronized void finished(PassResult r, long nowMillis) {
        running = null;
        PassSchedule.Next next = schedule.after(r);
        if (r != null && next.peerFailed()) {
            metrics.error(peer);
            if (next.failuresInARow() > 0) {
                LOG.warn("backfill from {} failed ({} in a row): {}", peer.label(), next.failuresInARow(), r.problem());
            } else {
                LOG.warn("backfill from {}: lost the peer after copying {} file(s): {}", peer.label(), r.copied(),
                        r.problem());
            }
        }
        nextDueMillis = nowMillis + next.delayMillis();
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

package org.streamvault.backfill;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one {@link PeerWorker} per current peer: {@link #refreshPeers} starts workers for new
 * peers and stops those for peers that left the list, {@link #startDuePasses} (called on every
 * timer tick) lets each worker start its pass when its own schedule says so, and
 * {@link #runOnce} runs a single pass against every peer at once and waits for all of them.
 */
public final class Backfiller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Backfiller.class);
    /** backfill-once: further passes for a peer whose pass left failed files. */
    static final int EXTRA_ONCE_PASSES = 3;

    private final PeerList peerList;
    private final Function<Peer, PeerWorker> newWorker;
    private final Map<String, PeerWorker> workers = new LinkedHashMap<>();
    /** Serializes refreshes; never held while this object's monitor is wanted by a waiting caller. */
    private final Object refreshing = new Object();
    private volatile boolean refreshed;
    private boolean closed;

    public Backfiller(PeerList peerList, PeerPass pass, Backoff backoff, BackfillMetrics metrics, int concurrency) {
        this(peerList, pass, backoff, metrics, concurrency, () -> new FileFailures(5, 120_000, 3_600_000));
    }

    /** @param fileFailures makes each new peer's memory of failing files */
    public Backfiller(PeerList peerList, PeerPass pass, Backoff backoff, BackfillMetrics metrics, int concurrency,
            Supplier<FileFailures> fileFailures) {
        this(peerList, pass, backoff, metrics, concurrency, fileFailures, org.streamvault.events.NodeEvents.NONE);
    }

    /** @param events told of every finished pass (backfill-pass) */
    public Backfiller(PeerList peerList, PeerPass pass, Backoff backoff, BackfillMetrics metrics, int concurrency,
            Supplier<FileFailures> fileFailures, org.streamvault.events.NodeEvents events) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("streamvault.backfiller.concurrency must be at least 1");
        }
        this.peerList = peerList;
        this.newWorker = peer -> new PeerWorker(peer, pass, backoff, metrics, concurrency, fileFailures.get(),
                System.currentTimeMillis(), events);
    }

    /**
     * Re-reads the peer sources; starts and stops workers to match. Returns the current peers.
     * The sources are read without holding this object's monitor: a database that is down takes
     * its connection timeout to say so, and the ticks that start due passes must not wait for it.
     */
    public List<Peer> refreshPeers() {
        synchronized (refreshing) {
            List<Peer> peers = peerList.refresh();
            apply(peers);
            return peers;
        }
    }

    private synchronized void apply(List<Peer> peers) {
        if (closed) {
            return; // a refresh that outlived close() must not start workers nobody will stop
        }
        Set<String> urls = new HashSet<>();
        for (Peer peer : peers) {
            urls.add(peer.url());
            PeerWorker existing = workers.get(peer.url());
            if (existing == null || !existing.peer().equals(peer)) {
                if (existing != null) {
                    existing.stop();
                }
                workers.put(peer.url(), newWorker.apply(peer));
                LOG.info("backfilling from {} ({})", peer.label(), peer.url());
            }
        }
        workers.entrySet().removeIf(e -> {
            if (urls.contains(e.getKey())) {
                return false;
            }
            LOG.info("no longer backfilling from {}: it left the peer list", e.getValue().peer().label());
            e.getValue().stop();
            return true;
        });
        if (peers.isEmpty() && !refreshed) {
            LOG.warn("backfiller has no peers: set streamvault.backfiller.nodes or streamvault.backfiller.node-file");
        }
        refreshed = true;
    }

    /** Starts, on each peer's own thread, the passes that are due; returns at once. */
    public void startDuePasses() {
        if (!refreshed) {
            refreshPeers();
        }
        synchronized (this) {
            long now = System.currentTimeMillis();
            for (PeerWorker worker : workers.values()) {
                worker.startIfDue(now);
            }
        }
    }

    /**
     * Refreshes the peer list, runs one pass against every peer in parallel and waits. A peer
     * whose pass reached it but left files or listings that failed (a bad link) gets up to
     * {@link #EXTRA_ONCE_PASSES} more passes straight away, as the next regular pass would.
     *
     * @return true when every peer's last pass copied everything it saw missing (and false with
     *         no peers, as nothing was copied)
     */
    public boolean runOnce() throws InterruptedException {
        refreshPeers();
        List<PeerWorker> todo;
        synchronized (this) {
            todo = new ArrayList<>(workers.values());
        }
        boolean ok = !todo.isEmpty();
        for (int round = 0; round <= EXTRA_ONCE_PASSES && !todo.isEmpty(); round++) {
            Map<PeerWorker, CompletableFuture<PassResult>> passes = new LinkedHashMap<>();
            for (PeerWorker worker : todo) {
                passes.put(worker, worker.startNow());
            }
            todo = new ArrayList<>();
            for (Map.Entry<PeerWorker, CompletableFuture<PassResult>> pass : passes.entrySet()) {
                PassResult r;
                try {
                    r = pass.getValue().get();
                } catch (java.util.concurrent.ExecutionException e) {
                    r = null;
                }
                if (r != null && r.clean()) {
                    continue;
                }
                if (r != null && r.leftWork() && round < EXTRA_ONCE_PASSES) {
                    todo.add(pass.getKey());
                } else {
                    ok = false;
                }
            }
        }
        return ok;
    }

    /** The URLs of the peers being backfilled from, in list order. */
    public synchronized List<String> peerUrls() {
        return new ArrayList<>(workers.keySet());
    }

    @Override
    public synchronized void close() {
        closed = true;
        workers.values().forEach(PeerWorker::stop);
        workers.clear();
    }
}

package org.streamvault.backfill;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamvault.metrics.Timing;
import org.streamvault.segments.RateLimitedLog;
import org.streamvault.segments.SegmentStore;

/**
 * One backfill pass against one peer (SPEC §5): for each configured channel and quality, list
 * the peer's hours, keep those in the window newest first, and per hour fetch what the local
 * store lacks ({@link MissingSegments}) on the peer's own fetch pool, so at most that pool's
 * size of downloads run against the peer at once. The first I/O failure (peer down, error
 * status, garbage listing) ends the pass and is thrown, so the caller can back off; a file the
 * peer no longer has, or whose bytes do not match its name, is counted and skipped.
 */
public final class PeerPass {
    private static final Logger LOG = LoggerFactory.getLogger(PeerPass.class);
    /** A bad file on a peer is met again on every pass; one warning a minute is enough. */
    private static final RateLimitedLog MISMATCH_LOG = new RateLimitedLog(60_000);
    private static final RateLimitedLog NOTHING_TO_COPY_LOG = new RateLimitedLog(3_600_000);

    private final PeerClient client;
    private final Path baseDir;
    private final List<String> channels;
    private final List<String> qualities;
    private final BackfillWindow window;
    private final BackfillMetrics metrics;
    private final LongSupplier nowMicros;
    private final RandomGenerator random;

    public PeerPass(PeerClient client, Path baseDir, List<String> channels, List<String> qualities,
            BackfillWindow window, BackfillMetrics metrics, LongSupplier nowMicros, RandomGenerator random) {
        channels.forEach(SegmentStore::checkPart);
        qualities.forEach(SegmentStore::checkPart);
        this.client = client;
        this.baseDir = baseDir;
        this.channels = List.copyOf(channels);
        this.qualities = List.copyOf(qualities);
        this.window = window;
        this.metrics = metrics;
        this.nowMicros = nowMicros;
        this.random = random;
    }

    /** Runs the pass; returns the number of files copied. */
    public int run(Peer peer, ExecutorService fetchPool) throws IOException, InterruptedException {
        if (channels.isEmpty() || qualities.isEmpty()) {
            NOTHING_TO_COPY_LOG.log(LOG::warn, "backfiller has nothing to copy: streamvault.channels or"
                    + " streamvault.qualities is empty");
        }
        int copied = 0;
        for (String channel : channels) {
            for (String quality : qualities) {
                List<String> remoteHours = client.list(peer, channel, quality);
                List<String> hours = window.hoursNewestFirst(remoteHours, nowMicros.getAsLong());
                for (String hour : hours) {
                    copied += backfillHour(peer, channel, quality, hour, fetchPool);
                }
            }
        }
        return copied;
    }

    /** The local downloader or another peer's worker may have written the file since the diff. */
    private FetchOutcome fetchUnlessPresent(Peer peer, String channel, String quality, String hour, String name,
            Path hourDir, AtomicBoolean abandoned) throws IOException {
        if (abandoned.get()) {
            return null;
        }
        if (Files.exists(hourDir.resolve(name))) {
            return FetchOutcome.ALREADY_PRESENT;
        }
        try (Timing.Sample sample = metrics.fetch(peer).start()) {
            try {
                FetchOutcome outcome = client.fetch(peer, channel, quality, hour, name, hourDir);
                sample.units(outcome == FetchOutcome.SAVED ? 1 : 0);
                return outcome;
            } catch (IOException | RuntimeException e) {
                sample.failed(e);
                throw e;
            }
        }
    }

    private int backfillHour(Peer peer, String channel, String quality, String hour, ExecutorService fetchPool)
            throws IOException, InterruptedException {
        List<String> remote = client.list(peer, channel, quality, hour);
        Path hourDir = baseDir.resolve(channel).resolve(quality).resolve(hour);
        List<String> missing = MissingSegments.compute(remote, LocalHour.names(hourDir), hour, window,
                nowMicros.getAsLong(), random);
        if (missing.isEmpty()) {
            return 0;
        }
        AtomicBoolean abandoned = new AtomicBoolean();
        List<Future<FetchOutcome>> fetches = new ArrayList<>(missing.size());
        for (String name : missing) {
            fetches.add(fetchPool.submit(
                    () -> fetchUnlessPresent(peer, channel, quality, hour, name, hourDir, abandoned)));
        }
        int saved = 0;
        IOException failure = null;
        for (int i = 0; i < fetches.size(); i++) {
            FetchOutcome outcome;
            try {
                outcome = fetches.get(i).get();
            } catch (ExecutionException e) {
                abandoned.set(true);
                if (failure == null) {
                    failure = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                }
                continue;
            } catch (InterruptedException e) {
                abandoned.set(true);
                throw e;
            }
            if (outcome == FetchOutcome.SAVED) {
                saved++;
                metrics.segmentBackfilled(peer, channel, quality);
            } else if (outcome == FetchOutcome.HASH_MISMATCH) {
                metrics.hashMismatch(peer, channel, quality);
                MISMATCH_LOG.log(LOG::warn, "backfill from " + peer.label() + ": discarded " + channel + "/"
                        + quality + "/" + hour + "/" + missing.get(i) + ": bytes do not match the hash in its name");
            }
        }
        if (saved > 0) {
            metrics.hourBackfilled(peer, channel, quality);
            LOG.info("backfill from {}: copied {} file(s) of {}/{}/{}", peer.label(), saved, channel, quality, hour);
        }
        if (failure != null) {
            throw failure;
        }
        return saved;
    }
}

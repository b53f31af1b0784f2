package org.streamvault.backfill;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
 * size of downloads run against the peer at once.
 *
 * <p>A link can be bad without the peer being down: one failed request is about one transfer,
 * not the pass. A file whose transfer breaks, times out or does not match its hash is retried
 * up to {@link Retries#attempts} times in the pass, after a short jittered pause spent off the
 * fetch pool, then left for the next pass ({@link FileFailures} backs off files that keep
 * failing); a listing that fails likewise is retried, then its hour skipped. Only a peer that
 * cannot be connected to ends the pass at once (the queued fetches are dropped). Every failed
 * request is counted by {@link FailureReason}; the pass reports what it did as a
 * {@link PassResult}, and the worker decides the peer's backoff from that.
 */
public final class PeerPass {
    private static final Logger LOG = LoggerFactory.getLogger(PeerPass.class);
    private static final RateLimitedLog NOTHING_TO_COPY_LOG = new RateLimitedLog(3_600_000);
    /** At most this many names of files left for the next pass in the pass's summary line. */
    private static final int NAMES_IN_SUMMARY = 5;

    /** How a pass retries one request: tries in all, and the mean pause before each retry (±50%). */
    public record Retries(int attempts, long delayMillis) {
        public static final Retries DEFAULT = new Retries(4, 500);

        public Retries {
            if (attempts < 1 || delayMillis < 0) {
                throw new IllegalArgumentException("streamvault.backfiller.file-attempts must be at least 1");
            }
        }

        long jitteredDelay() {
            return delayMillis == 0 ? 0 : delayMillis / 2 + ThreadLocalRandom.current().nextLong(delayMillis + 1);
        }
    }

    private final PeerClient client;
    private final Path baseDir;
    private final List<String> channels;
    private final List<String> qualities;
    private final BackfillWindow window;
    private final BackfillMetrics metrics;
    private final LongSupplier nowMicros;
    private final RandomGenerator random;
    private final Retries retries;

    public PeerPass(PeerClient client, Path baseDir, List<String> channels, List<String> qualities,
            BackfillWindow window, BackfillMetrics metrics, LongSupplier nowMicros, RandomGenerator random) {
        this(client, baseDir, channels, qualities, window, metrics, nowMicros, random, Retries.DEFAULT);
    }

    public PeerPass(PeerClient client, Path baseDir, List<String> channels, List<String> qualities,
            BackfillWindow window, BackfillMetrics metrics, LongSupplier nowMicros, RandomGenerator random,
            Retries retries) {
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
        this.retries = retries;
    }

    /**
     * Runs the pass: file fetches on {@code fetchPool}, retry pauses on {@code timers},
     * per-file history in {@code files} (the peer's own, kept across passes).
     */
    public PassResult run(Peer peer, ExecutorService fetchPool, ScheduledExecutorService timers, FileFailures files,
            RateLimitedLog failureLog) throws InterruptedException {
        if (channels.isEmpty() || qualities.isEmpty()) {
            NOTHING_TO_COPY_LOG.log(LOG::warn, "backfiller has nothing to copy: streamvault.channels or"
                    + " streamvault.qualities is empty");
            return new PassResult(true, true, 0, 0, 0, Map.of(), null);
        }
        Pass pass = new Pass(peer, fetchPool, timers, files, failureLog);
        try {
            for (String channel : channels) {
                for (String quality : qualities) {
                    pass.channel(channel, quality);
                }
            }
            return pass.finish();
        } catch (InterruptedException e) {
            pass.lost.set(true);
            throw e;
        }
    }

    /** The state of one pass; listings run on the calling thread, files on the fetch pool. */
    private final class Pass {
        final Peer peer;
        final ExecutorService fetchPool;
        final ScheduledExecutorService timers;
        final FileFailures files;
        final RateLimitedLog failureLog;
        /** The peer could not be connected to: queued and pending fetches give up. */
        final AtomicBoolean lost = new AtomicBoolean();
        final Map<FailureReason, Integer> failedAttempts = new EnumMap<>(FailureReason.class);
        final List<FileCopy> copies = new ArrayList<>();
        final Set<String> stillMissing = new HashSet<>();
        final Set<String> hoursCopied = ConcurrentHashMap.newKeySet();
        volatile String problem;
        boolean answered;
        boolean everyHourListed = true;
        int deferred;

        Pass(Peer peer, ExecutorService fetchPool, ScheduledExecutorService timers, FileFailures files,
                RateLimitedLog failureLog) {
            this.peer = peer;
            this.fetchPool = fetchPool;
            this.timers = timers;
            this.files = files;
            this.failureLog = failureLog;
        }

        void channel(String channel, String quality) throws InterruptedException {
            List<String> remoteHours = list(channel + "/" + quality, channel, quality);
            if (remoteHours == null) {
                return;
            }
            for (String hour : window.hoursNewestFirst(remoteHours, nowMicros.getAsLong())) {
                if (lost.get()) {
                    return;
                }
                List<String> remote = list(channel + "/" + quality + "/" + hour, channel, quality, hour);
                if (remote != null) {
                    hour(channel, quality, hour, remote);
                }
            }
        }

        /** A listing, retried like a file; null when it failed every time or the peer was lost. */
        List<String> list(String what, String... parts) throws InterruptedException {
            for (int attempt = 1; !lost.get(); attempt++) {
                try {
                    List<String> names = client.list(peer, parts);
                    answered = true;
                    return names;
                } catch (IOException | RuntimeException e) {
                    FailureReason reason = failed(e, "listing of " + what, attempt);
                    if (reason == FailureReason.UNREACHABLE || attempt >= retries.attempts()) {
                        everyHourListed = false;
                        problem = "listing " + what + ": " + PeerWorker.oneLine(e);
                        return null;
                    }
                    Thread.sleep(retries.jitteredDelay());
                }
            }
            return null;
        }

        void hour(String channel, String quality, String hour, List<String> remote) {
            Path hourDir = baseDir.resolve(channel).resolve(quality).resolve(hour);
            List<String> missing;
            try {
                missing = MissingSegments.compute(remote, LocalHour.names(hourDir), hour, window,
                        nowMicros.getAsLong(), random);
            } catch (IOException e) {
                everyHourListed = false;
                LOG.warn("backfill: cannot list local {}: {}; skipping the hour", hourDir, PeerWorker.oneLine(e));
                return;
            }
            long now = System.currentTimeMillis();
            for (String name : missing) {
                String key = channel + "/" + quality + "/" + hour + "/" + name;
                if (!files.due(key, now)) {
                    deferred++;
                    stillMissing.add(key);
                    continue;
                }
                FileCopy copy = new FileCopy(this, channel, quality, hour, name, hourDir, key);
                copies.add(copy);
                copy.submit();
            }
        }

        /** Counts and logs (rate-limited) one failed request; a refused connection loses the peer. */
        FailureReason failed(Throwable e, String what, int attempt) {
            FailureReason reason = FailureReason.of(e);
            count(reason);
            if (reason == FailureReason.UNREACHABLE) {
                if (!lost.getAndSet(true)) {
                    problem = PeerWorker.oneLine(e);
                }
            } else {
                failureLog.log(LOG::info, "backfill from " + peer.label() + ": " + what + " failed (" + reason.label()
                        + ": " + PeerWorker.oneLine(e) + "), attempt " + attempt + " of " + retries.attempts());
            }
            return reason;
        }

        synchronized void count(FailureReason reason) {
            failedAttempts.merge(reason, 1, Integer::sum);
            metrics.fileFailed(peer, reason);
        }

        PassResult finish() throws InterruptedException {
            int copied = 0;
            int failedFiles = 0;
            int skipped = 0;
            List<String> leftNames = new ArrayList<>();
            Map<String, Integer> savedPerHour = new LinkedHashMap<>();
            for (FileCopy copy : copies) {
                FileCopy.Done done;
                try {
                    done = copy.done.get();
                } catch (ExecutionException e) {
                    done = FileCopy.Done.SKIPPED; // an unexpected bug in one fetch: leave the file for later
                }
                switch (done) {
                    case SAVED -> {
                        copied++;
                        savedPerHour.merge(copy.channel + "/" + copy.quality + "/" + copy.hour, 1, Integer::sum);
                        files.forget(copy.key);
                    }
                    case NOT_NEEDED -> files.forget(copy.key);
                    case FAILED -> {
                        failedFiles++;
                        stillMissing.add(copy.key);
                        if (leftNames.size() < NAMES_IN_SUMMARY) {
                            leftNames.add(copy.key + " (" + copy.lastReason.label() + ")");
                        }
                        reportIfPersistent(copy, files.failedThisPass(copy.key, System.currentTimeMillis()));
                    }
                    case SKIPPED -> {
                        skipped++;
                        stillMissing.add(copy.key);
                    }
                }
            }
            savedPerHour.forEach((hour, n) -> {
                LOG.info("backfill from {}: copied {} file(s) of {}", peer.label(), n, hour);
            });
            if (everyHourListed && !lost.get()) {
                files.retainOnly(stillMissing);
            }
            int missing = failedFiles + skipped + deferred;
            if (answered) {
                metrics.missingFiles(peer, missing);
                metrics.failingFiles(peer, files.persistent());
            }
            if (!failedAttempts.isEmpty() && answered) {
                LOG.info("backfill from {}: pass copied {} file(s); {} failed request(s) ({}); {} file(s) left for"
                        + " the next pass{}", peer.label(), copied, failedAttempts.values().stream()
                        .mapToInt(Integer::intValue).sum(), describe(failedAttempts), missing,
                        leftNames.isEmpty() ? "" : ": " + String.join(", ", leftNames)
                                + (failedFiles > leftNames.size() ? ", ..." : ""));
            }
            return new PassResult(answered, !lost.get(), copied, missing, failedFiles, failedAttempts,
                    answered && !lost.get() ? null : problem);
        }

        private void reportIfPersistent(FileCopy copy, FileFailures.Failed failed) {
            if (failed.nowPersistent()) {
                LOG.warn("backfill from {}: {} has failed in {} passes in a row (last: {}: {}); retrying it in {} s,"
                        + " then less and less often", peer.label(), copy.key, failed.passes(),
                        copy.lastReason.label(), copy.lastMessage, failed.retryInMillis() / 1000);
            }
        }
    }

    private static String describe(Map<FailureReason, Integer> counts) {
        StringBuilder sb = new StringBuilder();
        counts.forEach((reason, n) -> sb.append(sb.isEmpty() ? "" : ", ").append(reason.label()).append(' ').append(n));
        return sb.toString();
    }

    /** One missing file's attempts in a pass: each on the fetch pool, the pauses between them on the timer. */
    private final class FileCopy {
        enum Done { SAVED, NOT_NEEDED, FAILED, SKIPPED }

        final Pass pass;
        final String channel;
        final String quality;
        final String hour;
        final String name;
        final Path hourDir;
        final String key;
        final CompletableFuture<Done> done = new CompletableFuture<>();
        volatile FailureReason lastReason;
        volatile String lastMessage;
        private int attempt;

        FileCopy(Pass pass, String channel, String quality, String hour, String name, Path hourDir, String key) {
            this.pass = pass;
            this.channel = channel;
            this.quality = quality;
            this.hour = hour;
            this.name = name;
            this.hourDir = hourDir;
            this.key = key;
        }

        void submit() {
            try {
                pass.fetchPool.execute(this::attempt);
            } catch (RejectedExecutionException e) {
                done.complete(Done.SKIPPED); // the worker is stopping
            }
        }

        private void attempt() {
            if (pass.lost.get()) {
                done.complete(Done.SKIPPED);
                return;
            }
            attempt++;
            FetchOutcome outcome;
            try {
                outcome = fetchUnlessPresent();
            } catch (IOException | RuntimeException e) {
                retryOrLeave(pass.failed(e, key, attempt), PeerWorker.oneLine(e));
                return;
            }
            if (outcome == FetchOutcome.SAVED) {
                // counted as it happens, so the meters agree with the store while the pass goes on
                metrics.segmentBackfilled(pass.peer, channel, quality);
                if (pass.hoursCopied.add(channel + "/" + quality + "/" + hour)) {
                    metrics.hourBackfilled(pass.peer, channel, quality);
                }
                done.complete(Done.SAVED);
                return;
            }
            if (outcome != FetchOutcome.HASH_MISMATCH) {
                done.complete(Done.NOT_NEEDED);
                return;
            }
            // a body cut short without the HTTP client noticing ends here too, so it is worth a retry
            metrics.hashMismatch(pass.peer, channel, quality);
            pass.count(FailureReason.HASH_MISMATCH);
            pass.failureLog.log(LOG::info, "backfill from " + pass.peer.label() + ": discarded " + key
                    + ": bytes do not match the hash in its name, attempt " + attempt + " of " + retries.attempts());
            retryOrLeave(FailureReason.HASH_MISMATCH, "bytes do not match the hash in its name");
        }

        private void retryOrLeave(FailureReason reason, String message) {
            lastReason = reason;
            lastMessage = message;
            if (reason == FailureReason.UNREACHABLE || pass.lost.get()) {
                done.complete(Done.SKIPPED);
            } else if (attempt >= retries.attempts()) {
                done.complete(Done.FAILED);
            } else {
                try {
                    pass.timers.schedule(this::submit, retries.jitteredDelay(), TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException e) {
                    done.complete(Done.SKIPPED);
                }
            }
        }

        /** The local downloader or another peer's worker may have written the file since the diff. */
        private FetchOutcome fetchUnlessPresent() throws IOException {
            if (Files.exists(hourDir.resolve(name))) {
                return FetchOutcome.ALREADY_PRESENT;
            }
            try (Timing.Sample sample = metrics.fetch(pass.peer).start()) {
                try {
                    FetchOutcome outcome = client.fetch(pass.peer, channel, quality, hour, name, hourDir);
                    sample.units(outcome == FetchOutcome.SAVED ? 1 : 0);
                    return outcome;
                } catch (IOException | RuntimeException e) {
                    sample.failed(e);
                    throw e;
                }
            }
        }
    }
}

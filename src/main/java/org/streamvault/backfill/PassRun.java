package org.streamvault.backfill;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamvault.segments.RateLimitedLog;

/**
 * One pass of {@link PeerPass} in progress: listings run on the calling thread, each missing
 * file is a {@link FileCopy} on the fetch pool, and {@link #finish} waits for them all and
 * reports the {@link PassResult}.
 */
final class PassRun {
    private static final Logger LOG = LoggerFactory.getLogger(PeerPass.class);
    /** At most this many names of files left for the next pass in the pass's summary line. */
    private static final int NAMES_IN_SUMMARY = 5;
    /**
     * Names a peer lists that are not segments are warned about once per name per pass, as
     * wubloader's backfiller does, but at most this many lines a pass (the rest are counted in
     * one more line), so a peer with a directory full of junk cannot flood the log.
     */
    static final int NOT_SEGMENT_WARNINGS_PER_PASS = 10;

    final PeerPass config;
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
    /** Listed names already warned about in this pass (channel/quality/hour/name). */
    final Set<String> notSegmentsWarned = new HashSet<>();
    volatile String problem;
    boolean answered;
    boolean everyHourListed = true;
    /** Listings that failed every attempt (not the peer being lost). */
    int unlisted;
    int deferred;

    PassRun(PeerPass config, Peer peer, ExecutorService fetchPool, ScheduledExecutorService timers,
            FileFailures files, RateLimitedLog failureLog) {
        this.config = config;
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
        for (String hour : config.window.hoursNewestFirst(remoteHours, config.nowMicros.getAsLong())) {
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
                List<String> names = config.client.list(peer, parts);
                answered = true;
                return names;
            } catch (IOException | RuntimeException e) {
                FailureReason reason = failed(e, "listing of " + what, attempt);
                if (reason == FailureReason.UNREACHABLE || attempt >= config.retries.attempts()) {
                    everyHourListed = false;
                    if (reason != FailureReason.UNREACHABLE) {
                        unlisted++;
                    }
                    problem = "listing " + what + ": " + PeerWorker.oneLine(e);
                    return null;
                }
                Thread.sleep(config.retries.jitteredDelay());
            }
        }
        return null;
    }

    void hour(String channel, String quality, String hour, List<String> remote) {
        Path hourDir = config.baseDir.resolve(channel).resolve(quality).resolve(hour);
        List<String> missing;
        try {
            String prefix = channel + "/" + quality + "/" + hour + "/";
            missing = MissingSegments.compute(remote, LocalHour.names(hourDir), hour, config.window,
                    config.nowMicros.getAsLong(), config.random, name -> notSegment(prefix + name));
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

    private void notSegment(String path) {
        if (notSegmentsWarned.add(path) && notSegmentsWarned.size() <= NOT_SEGMENT_WARNINGS_PER_PASS) {
            LOG.warn("backfill from {}: ignoring {}, which the peer lists but is not a segment", peer.label(),
                    path);
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
                    + ": " + PeerWorker.oneLine(e) + "), attempt " + attempt + " of " + config.retries.attempts());
        }
        return reason;
    }

    synchronized void count(FailureReason reason) {
        failedAttempts.merge(reason, 1, Integer::sum);
        config.metrics.fileFailed(peer, reason);
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
        if (notSegmentsWarned.size() > NOT_SEGMENT_WARNINGS_PER_PASS) {
            LOG.warn("backfill from {}: ignoring {} more name(s) the peer lists that are not segments",
                    peer.label(), notSegmentsWarned.size() - NOT_SEGMENT_WARNINGS_PER_PASS);
        }
        savedPerHour.forEach((hour, n) -> {
            LOG.info("backfill from {}: copied {} file(s) of {}", peer.label(), n, hour);
        });
        if (everyHourListed && !lost.get()) {
            files.retainOnly(stillMissing);
        }
        int missing = failedFiles + skipped + deferred;
        if (answered) {
            config.metrics.missingFiles(peer, missing);
            config.metrics.failingFiles(peer, files.persistent());
        }
        if (!failedAttempts.isEmpty() && answered) {
            LOG.info("backfill from {}: pass copied {} file(s); {} failed request(s) ({}); {} file(s){} left for"
                    + " the next pass{}", peer.label(), copied, failedAttempts.values().stream()
                    .mapToInt(Integer::intValue).sum(), describe(failedAttempts), missing,
                    unlisted == 0 ? "" : " and " + unlisted + " listing(s)",
                    leftNames.isEmpty() ? "" : ": " + String.join(", ", leftNames)
                            + (failedFiles > leftNames.size() ? ", ..." : ""));
        }
        return new PassResult(answered, !lost.get(), copied, missing, failedFiles, unlisted, failedAttempts,
                answered && !lost.get() ? null : problem);
    }

    private void reportIfPersistent(FileCopy copy, FileFailures.Failed failed) {
        if (failed.nowPersistent()) {
            LOG.warn("backfill from {}: {} has failed in {} passes in a row (last: {}: {}); retrying it in {} s,"
                    + " then less and less often", peer.label(), copy.key, failed.passes(),
                    copy.lastReason.label(), copy.lastMessage, failed.retryInMillis() / 1000);
        }
    }

    private static String describe(Map<FailureReason, Integer> counts) {
        StringBuilder sb = new StringBuilder();
        counts.forEach((reason, n) -> sb.append(sb.isEmpty() ? "" : ", ").append(reason.label()).append(' ').append(n));
        return sb.toString();
    }
}

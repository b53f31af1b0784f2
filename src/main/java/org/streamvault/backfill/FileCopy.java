package org.streamvault.backfill;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamvault.metrics.Timing;

/** One missing file's attempts in a pass: each on the fetch pool, the pauses between them on the timer. */
final class FileCopy {
    private static final Logger LOG = LoggerFactory.getLogger(PeerPass.class);

    enum Done { SAVED, NOT_NEEDED, FAILED, SKIPPED }

    final PassRun pass;
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

    FileCopy(PassRun pass, String channel, String quality, String hour, String name, Path hourDir, String key) {
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
            pass.config.metrics.segmentBackfilled(pass.peer, channel, quality);
            if (pass.hoursCopied.add(channel + "/" + quality + "/" + hour)) {
                pass.config.metrics.hourBackfilled(pass.peer, channel, quality);
            }
            done.complete(Done.SAVED);
            return;
        }
        if (outcome != FetchOutcome.HASH_MISMATCH) {
            done.complete(Done.NOT_NEEDED);
            return;
        }
        // a body cut short without the HTTP client noticing ends here too, so it is worth a retry
        pass.config.metrics.hashMismatch(pass.peer, channel, quality);
        pass.count(FailureReason.HASH_MISMATCH);
        pass.failureLog.log(LOG::info, "backfill from " + pass.peer.label() + ": discarded " + key
                + ": bytes do not match the hash in its name, attempt " + attempt + " of " + pass.config.retries.attempts());
        retryOrLeave(FailureReason.HASH_MISMATCH, "bytes do not match the hash in its name");
    }

    private void retryOrLeave(FailureReason reason, String message) {
        lastReason = reason;
        lastMessage = message;
        if (reason == FailureReason.UNREACHABLE || pass.lost.get()) {
            done.complete(Done.SKIPPED);
        } else if (attempt >= pass.config.retries.attempts()) {
            done.complete(Done.FAILED);
        } else {
            try {
                pass.timers.schedule(this::submit, pass.config.retries.jitteredDelay(), TimeUnit.MILLISECONDS);
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
        try (Timing.Sample sample = pass.config.metrics.fetch(pass.peer).start()) {
            try {
                FetchOutcome outcome = pass.config.client.fetch(pass.peer, channel, quality, hour, name, hourDir);
                sample.units(outcome == FetchOutcome.SAVED ? 1 : 0);
                return outcome;
            } catch (IOException | RuntimeException e) {
                sample.failed(e);
                throw e;
            }
        }
    }
}

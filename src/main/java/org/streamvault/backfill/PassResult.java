package org.streamvault.backfill;

import java.util.Map;

/**
 * What one pass against a peer did.
 *
 * @param answered       whether the peer answered any listing (false: it could not be reached or
 *                       listed at all, which is what the peer's backoff is for)
 * @param complete       whether the pass went through every hour in the window (false: the peer
 *                       became unreachable mid-pass, and the rest was left)
 * @param copied         files (and tombstones) saved
 * @param missing        files the pass saw missing and did not copy: failed, waiting out a
 *                       per-file backoff, or left when the peer was lost
 * @param failedFiles    files whose every attempt in this pass failed
 * @param unlistedHours  hours (or channel/quality hour lists) whose listing failed every attempt,
 *                       so their files were not even looked at
 * @param failedAttempts failed requests (listings and files, retries included) by reason
 * @param problem        one line for the log when the pass could not reach or list the peer; null otherwise
 */
public record PassResult(boolean answered, boolean complete, int copied, int missing, int failedFiles,
        int unlistedHours, Map<FailureReason, Integer> failedAttempts, String problem) {
    public PassResult {
        failedAttempts = Map.copyOf(failedAttempts);
    }

    /** Nothing left to wish for: every hour listed, every missing file copied. */
    public boolean clean() {
        return answered && complete && missing == 0 && unlistedHours == 0;
    }

    /** The peer answered, but the link lost files or listings that another pass may get. */
    public boolean leftWork() {
        return answered && complete && (failedFiles > 0 || unlistedHours > 0);
    }
}

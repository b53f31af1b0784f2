package org.streamvault.backfill;

/** What became of one file the backfiller asked a peer for. */
public enum FetchOutcome {
    /** Written under its final name. */
    SAVED,
    /** The final name existed already (before or during the download); nothing changed. */
    ALREADY_PRESENT,
    /** The bytes did not hash to the name's hash; nothing was kept. */
    HASH_MISMATCH,
    /** The peer no longer has it (404: deleted or tombstoned since it listed it). */
    GONE
}

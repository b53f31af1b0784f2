package org.streamvault.events;

/**
 * What a node publishes (SPEC §12). Each type is one internal endpoint,
 * {@code seda:streamvault-<name>}, that a deployment's own routes may consume; the headers of
 * each are listed in the README ("Events") and in {@code docs/ARCHITECTURE.md}.
 */
public enum EventType {
    /** A segment file was renamed into place by the downloader (headers: type full/suspect/partial ...). */
    SEGMENT_SAVED("segment-saved"),
    /** A stream's playlist listed a real segment after it had not for a while. */
    STREAM_LIVE("stream-live"),
    /** A live stream's playlists have listed no real segment for the offline delay. */
    STREAM_OFFLINE("stream-offline"),
    /** The coverage checker found a new hole in one of the newest hours. */
    RECENT_HOLE("recent-hole"),
    /** The cutter claimed a job (EDITED to CLAIMED). */
    JOB_CLAIMED("job-claimed"),
    /** The cutter uploaded a job's video (the row is TRANSCODING or DONE). */
    JOB_UPLOADED("job-uploaded"),
    /** A claimed job did not end uploaded: retried, rejected, or left for an operator. */
    JOB_FAILED("job-failed"),
    /** A video became DONE: uploaded and viewable at its link. */
    VIDEO_PUBLISHED("video-published"),
    /** One backfill pass against one peer finished. */
    BACKFILL_PASS("backfill-pass");

    private final String id;

    EventType(String id) {
        this.id = id;
    }

    /** The name in endpoints and metrics, e.g. {@code segment-saved}. */
    public String id() {
        return id;
    }

    /** The endpoint a subscriber consumes from, e.g. {@code seda:streamvault-segment-saved}. */
    public String endpoint() {
        return "seda:streamvault-" + id;
    }
}

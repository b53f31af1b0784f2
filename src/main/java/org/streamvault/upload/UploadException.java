package org.streamvault.upload;

/**
 * An upload that did not succeed, classified by what the cutter should do about it.
 */
public class UploadException extends Exception {
    /** What the failure means for the job. */
    public enum Kind {
        /** Nothing was created; trying again later may work (5xx before finalizing, network). Row → EDITED. */
        RETRYABLE,
        /** Nothing was created and retrying will not help (4xx, bad settings, cut failed). Row → UNEDITED with error. */
        NON_RETRYABLE,
        /** Failed after finalizing: the video may or may not exist. Row stays FINALIZING with error. */
        UNKNOWN_OUTCOME
    }

    private final Kind kind;

    public UploadException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public UploadException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }
}

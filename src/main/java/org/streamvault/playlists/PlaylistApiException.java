package org.streamvault.playlists;

/** A playlist call failed, with what that means for the pass. */
public final class PlaylistApiException extends Exception {
    private static final long serialVersionUID = 1L;

    /** QUOTA: stop calling for a while; UNREADABLE: skip this playlist; OTHER: skip it this pass. */
    public enum Kind { QUOTA, UNREADABLE, OTHER }

    private final Kind kind;

    public PlaylistApiException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

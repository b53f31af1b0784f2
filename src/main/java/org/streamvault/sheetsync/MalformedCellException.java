package org.streamvault.sheetsync;

/** A cell that cannot be read as its column's type; the column keeps its database value. */
public final class MalformedCellException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String kind;

    /** @param kind the error kind counted in metrics: {@code malformed_time}, {@code malformed_boolean} */
    public MalformedCellException(String kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }
}

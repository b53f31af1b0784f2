package org.streamvault.segments;

/** A file or directory name that is not in the segment store's format; the message says why. */
public class InvalidSegmentNameException extends IllegalArgumentException {
    public InvalidSegmentNameException(String name, String reason) {
        super("not a segment name: '" + name + "': " + reason);
    }
}

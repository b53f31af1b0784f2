package org.streamvault.images;

/** A thumbnail that cannot be made from a row's inputs, with a one-line reason an editor can act on. */
public class ThumbnailException extends Exception {
    public ThumbnailException(String message) {
        super(message);
    }
}

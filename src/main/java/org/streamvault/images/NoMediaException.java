package org.streamvault.images;

/** What an image is made of is not there: no segment holds the time, no video or no audio in it. */
public class NoMediaException extends RuntimeException {
    public NoMediaException(String message) {
        super(message, null, false, false);
    }
}

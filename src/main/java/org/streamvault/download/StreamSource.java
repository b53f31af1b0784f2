package org.streamvault.download;

import java.io.IOException;
import java.net.URI;
import org.streamvault.hls.PlaylistException;

/** Where a channel's media playlist URL comes from; asked again whenever the URL must be replaced. */
public interface StreamSource {
    /**
     * The current media playlist URL for {@code quality}. Throws {@link StreamOfflineException}
     * when the stream is not live, other exceptions (one-line messages) when the source misbehaves.
     */
    URI resolve(String quality) throws IOException, PlaylistException;

    /** The stream is not live right now (usher or origin says 404). */
    final class StreamOfflineException extends IOException {
        public StreamOfflineException(String message) {
            super(message);
        }
    }
}

package org.streamvault.upload;

import java.io.IOException;
import java.io.InputStream;

/** The cut video, produced as it is read (or from a spooled file); read it once, close it. */
public interface VideoSource {
    InputStream open() throws IOException;

    /** Size in bytes when known in advance (a spooled file), else -1. */
    default long length() {
        return -1;
    }
}

package org.streamvault.backfill;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * How a pass talks to a peer: its {@code /files} listings and {@code /segments} files
 * (SPEC §4). The node's implementation goes through the backfiller's camel-http routes; an
 * unreachable peer, an error status or a body that is not a JSON list of names is an
 * {@link IOException} with a one-line message.
 */
public interface PeerClient {
    /** {@code GET /files/{parts...}}: the names listed (channels, qualities, hours or files). */
    List<String> list(Peer peer, String... pathParts) throws IOException;

    /**
     * {@code GET /segments/{channel}/{quality}/{hour}/{name}}, streamed into {@code hourDir}
     * through {@link SegmentWriter}.
     */
    FetchOutcome fetch(Peer peer, String channel, String quality, String hour, String name, Path hourDir)
            throws IOException;
}

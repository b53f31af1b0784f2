package org.streamvault.backfill;

import java.io.IOException;
import java.util.List;

/**
 * Somewhere peers are listed: the static setting, the node file, and (once the database
 * component exists) the {@code nodes} table's {@code backfill_from} rows. Each source is read on
 * every peer-list refresh; one failing source does not stop the others ({@link PeerList}).
 */
public interface PeerSource {
    /** For log lines: {@code "streamvault.backfiller.nodes"}, {@code "node file /etc/nodes"}. */
    String describe();

    /** The peers this source lists now; an I/O problem (file unreadable, DB down) is thrown. */
    List<Peer> peers() throws IOException;
}

package org.streamvault.backfill;

import java.util.ArrayList;
import java.util.List;

/** Peers from {@code streamvault.backfiller.nodes}: comma-separated base URLs. */
public final class StaticPeers implements PeerSource {
    private final List<Peer> peers;

    /** Parses the setting now, so a typo fails at start-up with the offending entry named. */
    public StaticPeers(String commaSeparatedUrls) {
        List<Peer> out = new ArrayList<>();
        for (String part : commaSeparatedUrls == null ? new String[0] : commaSeparatedUrls.split(",")) {
            if (!part.isBlank()) {
                out.add(Peer.ofUrl(part));
            }
        }
        this.peers = List.copyOf(out);
    }

    @Override
    public String describe() {
        return "streamvault.backfiller.nodes";
    }

    @Override
    public List<Peer> peers() {
        return peers;
    }
}

package org.streamvault.backfill;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges every {@link PeerSource} into one list: the same URL from two sources counts once
 * (the first source that names it wins, so a name from the node file is kept), this node is
 * excluded by name and by its own URL, and a source that fails keeps the peers it gave last
 * time, so a database or file outage does not stop backfilling from what was known.
 */
public final class PeerList {
    private static final Logger LOG = LoggerFactory.getLogger(PeerList.class);

    private final List<PeerSource> sources;
    private final String selfName;
    private final Set<String> selfUrls;
    private final Map<PeerSource, List<Peer>> lastGood = new HashMap<>();

    /**
     * @param selfName this node's name ({@code streamvault.node-name}); peers with it are dropped
     * @param selfUrls base URLs known to reach this node itself (its port on loopback); dropped too
     */
    public PeerList(List<PeerSource> sources, String selfName, Collection<String> selfUrls) {
        this.sources = List.copyOf(sources);
        this.selfName = selfName == null || selfName.isBlank() ? null : selfName;
        Set<String> urls = new HashSet<>();
        selfUrls.forEach(u -> urls.add(Peer.normalizeUrl(u)));
        this.selfUrls = Set.copyOf(urls);
    }

    /** Reads every source now and returns the merged list (a new list each call). */
    public synchronized List<Peer> refresh() {
        Map<String, Peer> byUrl = new LinkedHashMap<>();
        for (PeerSource source : sources) {
            List<Peer> peers;
            try {
                peers = source.peers();
                lastGood.put(source, peers);
            } catch (IOException | RuntimeException e) {
                peers = lastGood.getOrDefault(source, List.of());
                LOG.warn("peer list: cannot read {} ({}); keeping its {} peer(s) from last time",
                        source.describe(), e.getMessage(), peers.size());
            }
            for (Peer peer : peers) {
                if (isSelf(peer)) {
                    continue;
                }
                byUrl.putIfAbsent(peer.url(), peer);
            }
        }
        return new ArrayList<>(byUrl.values());
    }

    private boolean isSelf(Peer peer) {
        return (selfName != null && selfName.equals(peer.name())) || selfUrls.contains(peer.url());
    }
}

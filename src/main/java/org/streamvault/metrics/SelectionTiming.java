package org.streamvault.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.streamvault.segments.ContainsHolesException;
import org.streamvault.segments.SegmentStore;
import org.streamvault.segments.Selection;
import org.streamvault.segments.SelectionInterceptor;

/**
 * Times every best-segment selection the store runs ({@code streamvault_selection_*}, labels
 * channel and quality), normalised per selected segment. A selection refused for holes is
 * recorded with {@code error="ContainsHolesException"}. "Per unit" is per entry of the result
 * (segments and holes), which is what the walk costs.
 *
 * <p>Labels stay bounded even when a caller asks for a channel that does not exist: only
 * channel/quality directories present in the store get their own series, anything else is
 * recorded as {@code unknown}.
 */
public final class SelectionTiming implements SelectionInterceptor {
    static final String UNKNOWN = "unknown";

    private final NodeMetrics metrics;
    private final SegmentStore store;
    /** Channel/quality pairs seen on disk; bounded by the store's own directories. */
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public SelectionTiming(NodeMetrics metrics, SegmentStore store) {
        this.metrics = metrics;
        this.store = store;
    }

    @Override
    public Selection around(String channel, String quality, SelectionCall selection) throws ContainsHolesException {
        boolean inStore = isKnown(channel, quality);
        Timing timing = Timing.of(metrics, "selection",
                "channel", inStore ? channel : UNKNOWN, "quality", inStore ? quality : UNKNOWN);
        try (Timing.Sample sample = timing.start()) {
            try {
                Selection result = selection.run();
                sample.units(result.entries().size());
                return result;
            } catch (ContainsHolesException | RuntimeException e) {
                sample.failed(e);
                throw e;
            }
        }
    }

    // A stat per selection costs about as much as selecting 20 s of cached segments, so a
    // positive answer is remembered.
    private boolean isKnown(String channel, String quality) {
        String key = channel + "/" + quality;
        if (known.contains(key)) {
            return true;
        }
        if (store.hasQuality(channel, quality)) {
            known.add(key);
            return true;
        }
        return false;
    }
}

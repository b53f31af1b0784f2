package org.streamvault.metrics;

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

    public SelectionTiming(NodeMetrics metrics, SegmentStore store) {
        this.metrics = metrics;
        this.store = store;
    }

    @Override
    public Selection around(String channel, String quality, SelectionCall selection) throws ContainsHolesException {
        boolean known = store.hasQuality(channel, quality);
        Timing timing = Timing.of(metrics, "selection",
                "channel", known ? channel : UNKNOWN, "quality", known ? quality : UNKNOWN);
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
}

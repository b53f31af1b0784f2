package org.streamvault.coverage;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.streamvault.events.route.EventBeans;
import org.streamvault.metrics.NodeMetrics;
import org.streamvault.segments.SegmentStore;

/**
 * The coverage checker and its HTTP processors, for {@code routes/coverage.camel.yaml}. Lazy,
 * so they are built when the routes ask for them, after the store and metrics beans exist.
 */
@Configuration
public class CoverageBeans implements CamelConfiguration {
    @PropertyInject(value = "streamvault.coverage.recent-hours", defaultValue = "24")
    private int recentHours;

    @PropertyInject(value = "streamvault.coverage.map-hours", defaultValue = "168")
    private int mapHours;

    private CoverageChecker checker;

    @BindToRegistry(value = "coverageChecker", lazy = true)
    public synchronized CoverageChecker coverageChecker(CamelContext context) {
        if (checker == null) {
            SegmentStore store = context.getRegistry().lookupByNameAndType("segmentStore", SegmentStore.class);
            NodeMetrics metrics = context.getRegistry().lookupByNameAndType("nodeMetrics", NodeMetrics.class);
            checker = new CoverageChecker(store, metrics, recentHours, mapHours,
                    () -> System.currentTimeMillis() * 1000, EventBeans.lookup(context));
        }
        return checker;
    }

    @BindToRegistry(value = "coveragePage", lazy = true)
    public CoveragePageProcessor coveragePage(CamelContext context) {
        return new CoveragePageProcessor(coverageChecker(context));
    }

    @BindToRegistry(value = "coverageMapImage", lazy = true)
    public CoverageMapProcessor coverageMapImage(CamelContext context) {
        return new CoverageMapProcessor(coverageChecker(context));
    }
}

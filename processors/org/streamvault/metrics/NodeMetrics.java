package org.streamvault.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;

/**
 * Where Streamvault's own meters go: the Prometheus registry that camel-micrometer binds while
 * the context starts (so route metrics and ours share {@code /metrics}), or, when metrics are
 * switched off, an empty composite registry whose meters record nothing (no overhead left).
 * Looked up on first use, after start-up.
 */
public final class NodeMetrics {
    private final CamelContext camelContext;
    private volatile MeterRegistry registry;

    public NodeMetrics(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    /** For tests and tools without a Camel context. */
    public NodeMetrics(MeterRegistry registry) {
        this.camelContext = null;
        this.registry = registry;
    }

    public MeterRegistry registry() {
        MeterRegistry r = registry;
        if (r == null) {
            synchronized (this) {
                r = registry;
                if (r == null) {
                    r = camelContext.getRegistry().lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME,
                            MeterRegistry.class);
                    if (r == null) {
                        r = new CompositeMeterRegistry();
                    }
                    registry = r;
                }
            }
        }
        return r;
    }
}

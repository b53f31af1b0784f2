package org.streamvault.events.route;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.streamvault.events.NodeEvents;
import org.streamvault.metrics.NodeMetrics;

/** The node's {@link NodeEvents} ({@code nodeEvents}), and the lookup every component uses to reach it. */
@Configuration
public class EventBeans implements CamelConfiguration {
    public static final String BEAN = "nodeEvents";

    @BindToRegistry(BEAN)
    public NodeEvents nodeEvents(CamelContext camelContext) {
        return new CamelNodeEvents(camelContext, () -> camelContext.getRegistry()
                .lookupByNameAndType("nodeMetrics", NodeMetrics.class).registry());
    }

    /**
     * The node's events, found when an event is published (beans of other components are
     * made before or after this one, in no set order).
     */
    public static NodeEvents lookup(CamelContext camelContext) {
        return event -> {
            NodeEvents events = camelContext.getRegistry().lookupByNameAndType(BEAN, NodeEvents.class);
            if (events != null) {
                events.publish(event);
            }
        };
    }
}

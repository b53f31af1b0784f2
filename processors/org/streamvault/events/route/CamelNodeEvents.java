package org.streamvault.events.route;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamvault.events.EventType;
import org.streamvault.events.NodeEvent;
import org.streamvault.events.NodeEvents;
import org.streamvault.segments.RateLimitedLog;

/**
 * Publishes {@link NodeEvent}s as exchanges on their {@code seda:streamvault-*} endpoints.
 *
 * <p>The endpoints never block the publisher: {@code blockWhenFull=false} makes a full queue
 * (a subscriber that falls behind by {@code streamvault.events.queue-size} events) refuse the
 * exchange at once, which is counted in {@code streamvault_events_dropped_total{event}}, and
 * {@code discardIfNoConsumers=true} drops an event nobody consumes before it is queued, so
 * with no subscriber nothing accumulates.
 */
public final class CamelNodeEvents implements NodeEvents {
    private static final Logger LOG = LoggerFactory.getLogger(CamelNodeEvents.class);
    private static final RateLimitedLog DROP_LOG = new RateLimitedLog(60_000);
    static final String OPTIONS = "?blockWhenFull=false&discardWhenFull=false&discardIfNoConsumers=true";

    private final CamelContext camelContext;
    private final Supplier<MeterRegistry> registry;
    private final Map<EventType, Counter> dropped = new EnumMap<>(EventType.class);
    /** Resolved once per type: looking an endpoint up by URI normalises the URI every time (~1/3 of a publish). */
    private final Map<EventType, Endpoint> endpoints = new EnumMap<>(EventType.class);
    private volatile ProducerTemplate template;

    public CamelNodeEvents(CamelContext camelContext, Supplier<MeterRegistry> registry) {
        this.camelContext = camelContext;
        this.registry = registry;
    }

    @Override
    public void publish(NodeEvent event) {
        if (!camelContext.isStarted()) {
            return; // starting or stopping: the subscribers' routes are not consuming
        }
        Exchange result;
        try {
            result = template().send(endpoint(event.type()), exchange -> {
                event.fields().forEach(exchange.getMessage()::setHeader);
                exchange.getMessage().setHeader("event", event.type().id());
                exchange.getMessage().setBody(event.fields());
            });
        } catch (RuntimeException e) {
            dropped(event, e);
            return;
        }
        if (result.getException() != null) {
            dropped(event, result.getException());
        }
    }

    private void dropped(NodeEvent event, Exception cause) {
        counter(event.type()).increment();
        DROP_LOG.log(LOG::warn, "events: dropped a " + event.type().id() + " event (" + cause.getMessage()
                + "): its subscriber is not keeping up; see streamvault_events_dropped_total");
    }

    private synchronized Endpoint endpoint(EventType type) {
        Endpoint e = endpoints.get(type);
        if (e == null) {
            e = camelContext.getEndpoint(type.endpoint() + OPTIONS);
            endpoints.put(type, e);
        }
        return e;
    }

    private synchronized Counter counter(EventType type) {
        return dropped.computeIfAbsent(type, t -> Counter.builder("streamvault_events_dropped")
                .description("Events not published because the subscriber's queue was full").tag("event", t.id())
                .register(registry.get()));
    }

    private ProducerTemplate template() {
        ProducerTemplate t = template;
        if (t == null) {
            synchronized (this) {
                if (template == null) {
                    template = camelContext.createProducerTemplate();
                }
                t = template;
            }
        }
        return t;
    }
}

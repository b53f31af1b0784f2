package org.streamvault.download.route;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Route policy of the poll routes: starts a route's poll loop whenever the route starts (at node
 * start, or again after an operator stopped and started it in Hawtio) and tells the loop's last
 * step whether to go on. Each start begins a new generation, carried by the loop's exchanges in
 * header {@code pollGeneration}, so a cycle that was waiting in its delay while the route was
 * stopped and started again ends instead of running a second loop beside the new one.
 */
final class PollLoop extends RoutePolicySupport {
    static final String GENERATION = "pollGeneration";
    private final Map<String, Long> generations = new ConcurrentHashMap<>();
    private volatile ProducerTemplate kick;

    @Override
    public void onStart(Route route) {
        long generation = generations.merge(route.getRouteId(), 1L, Long::sum);
        template(route).sendBodyAndHeader(route.getEndpoint(), null, GENERATION, generation);
    }

    /** After a (possibly forced) stop: a cycle that outlived it must not go on beside the next start's loop. */
    @Override
    public void onStop(Route route) {
        generations.merge(route.getRouteId(), 1L, Long::sum);
    }

    /**
     * True while the exchange's loop is the current one of its route and the route's consumer
     * runs. (A seda consumer stays started while Camel stops its route gracefully, until nothing
     * is in flight, so stopping a poll route on its own waits out the shutdown timeout; see
     * docs/ARCHITECTURE.md, Downloader.)
     */
    boolean goesOn(Exchange exchange) {
        Route route = exchange.getContext().getRoute(exchange.getFromRouteId());
        Long generation = exchange.getMessage().getHeader(GENERATION, Long.class);
        return route != null && generation != null && generation.equals(generations.get(route.getRouteId()))
                && ServiceHelper.isStarted(route.getConsumer())
                && !ServiceHelper.isSuspended(route.getConsumer());
    }

    private ProducerTemplate template(Route route) {
        ProducerTemplate t = kick;
        if (t == null) {
            synchronized (this) {
                if (kick == null) {
                    kick = route.getCamelContext().createProducerTemplate();
                }
                t = kick;
            }
        }
        return t;
    }
}

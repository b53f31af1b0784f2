package org.streamvault.restream;

import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.SimpleEventNotifierSupport;

/**
 * Refuses, with 403, every request whose raw path has a dot segment ({@link DotSegments}),
 * on every route of the node's HTTP ports (API and management), before routing. Vert.x
 * matches routes against the normalised path, so {@code /files/chan/%2e%2e} reached the
 * channel list; this handler sees the request target as the client sent it.
 */
@Configuration
public class DotSegmentGuard implements CamelConfiguration {
    static final String REASON = "dot segments (. or ..) are not allowed in paths\n";

    @Override
    public void configure(CamelContext context) {
        SimpleEventNotifierSupport onStarted = new SimpleEventNotifierSupport() {
            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.CamelContextStartedEvent;
            }

            @Override
            public void notify(CamelEvent event) {
                install(context);
            }
        };
        // otherwise Camel builds an event for every exchange and step of every route (issue #18)
        onStarted.setIgnoreExchangeEvents(true);
        context.getManagementStrategy().addEventNotifier(onStarted);
    }

    private static void install(CamelContext context) {
        Set<String> ports = new LinkedHashSet<>();
        ports.add(context.resolvePropertyPlaceholders("{{camel.server.port:8080}}"));
        ports.add(context.resolvePropertyPlaceholders("{{camel.management.port:{{camel.server.port:8080}}}}"));
        for (String port : ports) {
            VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context,
                    VertxPlatformHttpRouter.getRouterNameFromPort(Integer.parseInt(port.strip())));
            if (router != null) {
                router.route().order(-2000).handler(DotSegmentGuard::check);
            }
        }
    }

    private static void check(RoutingContext ctx) {
        if (DotSegments.present(ctx.request().uri())) {
            ctx.response().setStatusCode(403).putHeader("Content-Type", "text/plain; charset=utf-8").end(REASON);
        } else {
            ctx.next();
        }
    }
}

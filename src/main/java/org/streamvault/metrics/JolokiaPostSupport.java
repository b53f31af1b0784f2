package org.streamvault.metrics;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.handler.BodyHandler;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.support.SimpleEventNotifierSupport;
import org.apache.camel.spi.CamelEvent;

/**
 * Makes {@code POST /observe/jolokia} work. camel-platform-http-main 4.14 mounts Jolokia
 * without a Vert.x body handler, so every POST (Hawtio sends its bulk reads and all exec
 * requests that way) fails with a NullPointerException inside the plugin. Once the context has
 * started, and with it the management server, a body handler is put in front of the Jolokia
 * path. The body is capped: Jolokia requests are small, and the endpoint must not be a way to
 * fill the heap.
 */
final class JolokiaPostSupport extends SimpleEventNotifierSupport {
    static final long MAX_BODY_BYTES = 1 << 20;

    private final CamelContext context;

    JolokiaPostSupport(CamelContext context) {
        this.context = context;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.CamelContextStartedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        String port = context.resolvePropertyPlaceholders("{{camel.management.port:{{camel.server.port:8080}}}}");
        String path = context.resolvePropertyPlaceholders("{{camel.management.jolokia-path:/observe/jolokia}}");
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context,
                VertxPlatformHttpRouter.getRouterNameFromPort(Integer.parseInt(port)));
        if (router == null) {
            return;
        }
        router.route(path + "/*").order(-1000).method(HttpMethod.POST)
                .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    }
}

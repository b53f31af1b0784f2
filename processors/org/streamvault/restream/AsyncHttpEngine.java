package org.streamvault.restream;

import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * The platform-http engine of the download routes ({@code platformHttpEngine=#asyncHttpEngine}):
 * the stock Vert.x engine, same server and router, whose consumers run GET routes asynchronously
 * ({@link AsyncHttpConsumer}). Every other route keeps the stock engine.
 */
public final class AsyncHttpEngine extends VertxPlatformHttpEngine {

    @Override
    protected void doInit() {
        // the stock engine binds itself as the node-wide "platform-http-engine" here; this one must not
    }

    @Override
    public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
        return new AsyncHttpConsumer(endpoint, processor, getHandlers(),
                VertxPlatformHttpRouter.getRouterNameFromPort(getServerPort()));
    }
}

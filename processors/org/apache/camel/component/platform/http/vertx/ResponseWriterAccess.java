package org.apache.camel.component.platform.http.vertx;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * Opens platform-http-vertx's package-private response writer to Streamvault's
 * {@code org.streamvault.restream.AsyncHttpConsumer}, which completes exchanges asynchronously
 * and must then answer exactly as the stock consumer does (headers, status, bodies, exceptions).
 * In this package only because {@code VertxPlatformHttpSupport.writeResponse} is not public in
 * Camel 4.14; a Camel upgrade that changes it fails the build here, not at run time.
 */
public final class ResponseWriterAccess {
    private ResponseWriterAccess() {
    }

    /** What the stock consumer does once an exchange is done; skips a response already ended. */
    public static Future<Void> writeResponse(RoutingContext ctx, Exchange exchange, HeaderFilterStrategy filter,
            boolean muteExceptions) {
        return VertxPlatformHttpSupport.writeResponse(ctx, exchange, filter, muteExceptions);
    }
}

package org.streamvault.restream;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.vertx.ResponseWriterAccess;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConsumer;

/**
 * platform-http-vertx's consumer, except that a GET's route is run through Camel's asynchronous
 * API. The stock consumer calls {@code process(exchange)} inside {@code executeBlocking}, which
 * parks its Vert.x worker until the route has completed, and only then writes the response; a
 * route whose processor answers later (a download sent with back-pressure, see
 * {@link ApiProcessor#answeredLater}) would hold that worker for as long as its client takes to
 * read. Here the worker only starts the route and is free again when the processor returns; the
 * response is written (or, when the processor already ended it, left alone) once the route's
 * callback comes, on the request's event loop, exactly as the stock consumer writes it.
 *
 * <p>Other methods (POST bodies, forms) keep the stock path. Steps after an asynchronous
 * processor run on the event loop, so routes using this consumer end with that processor.
 */
final class AsyncHttpConsumer extends VertxPlatformHttpConsumer {

    AsyncHttpConsumer(PlatformHttpEndpoint endpoint, Processor processor, List<Handler<RoutingContext>> handlers,
            String routerName) {
        super(endpoint, processor, handlers, routerName);
    }

    @Override
    protected void handleRequest(RoutingContext ctx) {
        if (isSuspended() || getEndpoint().isHttpProxy() || ctx.request().method() != HttpMethod.GET) {
            super.handleRequest(ctx);
            return;
        }
        Context eventLoop = ctx.vertx().getOrCreateContext();
        Exchange exchange = createExchange(false);
        exchange.setPattern(ExchangePattern.InOut);
        processHttpRequest(exchange, ctx).onComplete(read -> {
            if (read.failed()) {
                fail(exchange, ctx, read.cause());
                return;
            }
            ctx.vertx().executeBlocking(() -> {
                createUoW(exchange);
                getAsyncProcessor().process(exchange, doneSync -> eventLoop.runOnContext(v -> respond(exchange, ctx)));
                return null;
            }, false).onFailure(e -> fail(exchange, ctx, e));
        });
    }

    private void respond(Exchange exchange, RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten() && !response.ended()) {
            // the processor sent this response itself and gave it up midway (the connection is
            // dropped): writing it now would fail, and ending it would make a truncated body look whole
            complete(exchange);
            return;
        }
        ResponseWriterAccess.writeResponse(ctx, exchange, getEndpoint().getHeaderFilterStrategy(),
                getEndpoint().isMuteException()).onComplete(written -> {
                    if (written.succeeded()) {
                        complete(exchange);
                    } else {
                        fail(exchange, ctx, written.cause());
                    }
                });
    }

    /** As the stock consumer handles a failure to read the request or write the response. */
    private void fail(Exchange exchange, RoutingContext ctx, Throwable failure) {
        getExceptionHandler().handleException("Failed handling platform-http endpoint " + getEndpoint().getPath(),
                failure);
        ctx.fail(failure);
        if (getEndpoint().isHandleWriteResponseError() && failure != null) {
            Exception existing = exchange.getException();
            if (existing != null) {
                failure.addSuppressed(existing);
            }
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
            exchange.setException(failure);
        }
        complete(exchange);
    }

    private void complete(Exchange exchange) {
        doneUoW(exchange);
        releaseExchange(exchange, false);
    }
}

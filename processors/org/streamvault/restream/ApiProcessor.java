package org.streamvault.restream;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.slf4j.Logger;
import org.apache.camel.support.AsyncCallbackToCompletableFutureAdapter;
import org.slf4j.LoggerFactory;
import org.streamvault.segments.FailureLog;
import org.streamvault.segments.StorePathException;

/**
 * Base of every HTTP API processor: reads the request, hands it to {@link #handle}, and
 * turns refusals into short plain-text answers (400/403/404/...) instead of stack traces.
 *
 * <p>Request headers and query parameters arrive as message headers and Camel would echo them
 * back as response headers, so they are captured into a {@link Request} and cleared before the
 * handler sets the response. CORS headers go on every answer, errors included.
 *
 * <p>A handler may also take the Vert.x response over and send it after {@link #handle} returns
 * ({@link #answeredLater}): the exchange then completes, through Camel's asynchronous API, when
 * that send has ended. Behind {@link AsyncHttpEngine} no thread waits for it meanwhile; behind the
 * stock engine the worker that runs the route does.
 */
public abstract class ApiProcessor implements AsyncProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(ApiProcessor.class);
    private static final FailureLog FAILURE_LOG = new FailureLog(LOG, 10_000);
    private static final String ANSWERED_LATER = "streamvault.answeredLater";

    /**
     * The parts of a request a handler may look at. {@code body} is the raw request body of a
     * POST (bounded by {@code camel.server.max-body-size}), {@code null} for other methods.
     */
    public record Request(String method, Map<String, Object> params, String rangeHeader, byte[] body) {
        /** A request header (or parameter of that name) as text, matching the name in any case. */
        public String header(String name) {
            return headerIgnoringCase(params, name);
        }

        /** A path or query parameter as text, or {@code null}. */
        public String param(String name) {
            Object value = params.get(name);
            if (value instanceof Iterable<?> many) {
                throw HttpProblem.badRequest("parameter '" + name + "' given more than once");
            }
            return value == null ? null : value.toString();
        }

        /** All values of a repeatable query parameter. */
        public java.util.List<String> params(String name) {
            Object value = params.get(name);
            java.util.List<String> out = new java.util.ArrayList<>();
            if (value instanceof Iterable<?> many) {
                many.forEach(v -> out.add(String.valueOf(v)));
            } else if (value != null) {
                out.add(value.toString());
            }
            return out;
        }

        public boolean isHead() {
            return "HEAD".equals(method);
        }
    }

    @Override
    public final void process(Exchange exchange) {
        Message message = exchange.getMessage();
        Map<String, Object> headers = message.getHeaders();
        String method = String.valueOf(headers.get(Exchange.HTTP_METHOD));
        // Only a POST carries a body the API reads; GETs skip the conversion.
        byte[] body = "POST".equals(method) ? message.getBody(byte[].class) : null;
        Request request = new Request(method, Map.copyOf(withoutNulls(headers)), headerIgnoringCase(headers, "Range"),
                body);
        headers.clear();
        message.setBody(null);
        message.setHeader("Access-Control-Allow-Origin", "*");
        message.setHeader("Access-Control-Allow-Methods", "GET, POST, HEAD, OPTIONS");
        message.setHeader("Access-Control-Allow-Headers", "Authorization, Content-Type, Range");
        if ("OPTIONS".equals(method)) {
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
            return;
        }
        // Explicit, because Camel answers 204 for a null body (a HEAD request) otherwise.
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        try {
            handle(request, message);
        } catch (HttpProblem problem) {
            refuse(message, problem.status(), problem.getMessage());
        } catch (StorePathException e) {
            refuse(message, 403, e.getMessage());
        } catch (RuntimeException e) {
            FAILURE_LOG.unexpected("request failed", e);
            refuse(message, 500, "internal error: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public final boolean process(Exchange exchange, AsyncCallback callback) {
        process(exchange);
        CompletionStage<?> later = exchange.getProperty(ANSWERED_LATER, CompletionStage.class);
        if (later == null) {
            callback.done(true);
            return true;
        }
        exchange.removeProperty(ANSWERED_LATER);
        later.whenComplete((ok, failure) -> callback.done(false));
        return false;
    }

    @Override
    public final CompletableFuture<Exchange> processAsync(Exchange exchange) {
        AsyncCallbackToCompletableFutureAdapter<Exchange> callback = new AsyncCallbackToCompletableFutureAdapter<>(exchange);
        process(exchange, callback);
        return callback.getFuture();
    }

    /**
     * Answers the request by setting body, content type and status on {@code response}, or by
     * sending it straight into the Vert.x response and calling {@link #answeredLater}.
     */
    protected abstract void handle(Request request, Message response);

    /**
     * Says that the handler has taken the Vert.x response over: the exchange completes when
     * {@code sent} does, by which time the response must have been ended (Camel then leaves it alone).
     */
    protected static void answeredLater(Message response, CompletionStage<?> sent) {
        response.getExchange().setProperty(ANSWERED_LATER, sent);
    }

    static void refuse(Message message, int status, String reason) {
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
        message.setBody(reason + "\n");
    }

    /**
     * Sets a header straight on the Vert.x response, for the few (Content-Length) that Camel's
     * header filter would drop. Outside platform-http-vertx it does nothing.
     */
    static void setRawHeader(Message message, String name, String value) {
        if (message instanceof HttpMessage http && http.getResponse() != null) {
            http.getResponse().putHeader(name, value);
        }
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> headers) {
        Map<String, Object> out = new java.util.HashMap<>();
        headers.forEach((k, v) -> {
            if (v != null) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static String headerIgnoringCase(Map<String, Object> headers, String name) {
        for (Map.Entry<String, Object> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && e.getValue() != null) {
                return e.getValue().toString();
            }
        }
        return null;
    }
}

package org.streamvault.metrics;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.plugin.DefaultJolokiaPlatformHttpPlugin;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.jolokia.server.core.restrictor.policy.PolicyRestrictor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management plane: Jolokia (what Hawtio talks to) on its own HTTP server, bound to
 * {@code streamvault.management.host}:{@code port} (loopback by default), apart from the public
 * port that serves players, peers and editors.
 *
 * <p>Every request first passes the credentials guard, on the event loop, before its body is
 * even read: no credentials file configured, or no valid credential presented, is a 401 (with
 * one rate-limited warning in the log, never the presented secret). Only then is the body
 * checked against the request rules of {@code jolokia-access.xml} (POST only, strict Origin
 * checking), buffered (capped) and handed to Jolokia on a worker thread, which enforces the same
 * file again and decides which MBean reads and operations exist at all.
 * The guard is on the router before the server listens, so there is no moment at start-up when
 * Jolokia answers without it.
 *
 * <p>The server has its own small Vert.x instance: management must stay reachable when the
 * public port's workers are all busy streaming cuts, which is exactly when an operator looks.
 */
final class ManagementServer extends ServiceSupport {
    private static final Logger LOG = LoggerFactory.getLogger(ManagementServer.class);
    static final String REALM = "streamvault management";
    /** Where camel-platform-http-jolokia loads the access policy from. */
    private static final String POLICY = "/jolokia-access.xml";
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final CamelContext context;
    private final String host;
    private final int port;
    private final String path;
    private final long maxBodyBytes;
    /** null: no credentials file configured, everything is refused. */
    private final ManagementCredentials credentials;

    private final AtomicInteger refusedSinceWarning = new AtomicInteger();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    private volatile String warnedProblem;

    /** The same file Jolokia enforces, read by Jolokia's own parser. */
    private final PolicyRestrictor policy;

    private DefaultJolokiaPlatformHttpPlugin jolokia;
    private Vertx vertx;
    private HttpServer server;

    ManagementServer(CamelContext context, String host, int port, String path, long maxBodyBytes,
            ManagementCredentials credentials) {
        this.context = context;
        this.host = host;
        this.port = port;
        this.path = path;
        this.maxBodyBytes = maxBodyBytes;
        this.credentials = credentials;
        try (InputStream in = ManagementServer.class.getResourceAsStream(POLICY)) {
            if (in == null) {
                throw new IllegalStateException(POLICY + " is missing from the classpath");
            }
            this.policy = new PolicyRestrictor(in);
        } catch (IOException e) {
            throw new UncheckedIOException(POLICY + " cannot be read", e);
        }
    }

    /** The port actually listened on (useful with port 0). */
    int port() {
        return server == null ? port : server.actualPort();
    }

    @Override
    protected void doStart() throws Exception {
        jolokia = new DefaultJolokiaPlatformHttpPlugin();
        jolokia.setCamelContext(context);
        ServiceHelper.startService(jolokia);
        @SuppressWarnings("unchecked")
        var jolokiaHandler = (io.vertx.core.Handler<RoutingContext>) jolokia.getHandler();

        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2)
                .setInternalBlockingPoolSize(1));
        Router router = Router.router(vertx);
        // Two routes, because Vert.x wants a body handler first on its route: the guard, which
        // answers or passes on synchronously, then body and Jolokia.
        router.route(path + "/*").order(0).handler(this::guard);
        router.route(path + "/*").order(1).method(HttpMethod.GET).method(HttpMethod.POST)
                .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
                .blockingHandler(jolokiaHandler, false);
        try {
            server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
                    .requestHandler(router).listen().toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            doStop();
            throw new IllegalStateException("the management port " + host + ":" + port + " cannot be opened ("
                    + e.getCause().getMessage() + "); choose another streamvault.management.port", e.getCause());
        }
        if (credentials == null) {
            LOG.warn("management on http://{}:{}{} refuses every request: no credentials configured;"
                    + " set streamvault.management.credentials-file (README, Management)", host, port(), path);
        } else {
            LOG.info("management (Jolokia for Hawtio) on http://{}:{}{}, credentials for {}", host, port(), path,
                    credentials.names());
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            vertx = null;
            server = null;
        }
        ServiceHelper.stopService(jolokia);
    }

    private void guard(RoutingContext ctx) {
        if (credentials == null) {
            refuse(ctx, "management credentials are not configured on this node: set"
                    + " streamvault.management.credentials-file (README, Management)");
            return;
        }
        Optional<String> who = credentials.authenticate(ctx.request().getHeader("Authorization"));
        if (who.isPresent()) {
            checkPolicy(ctx);
            return;
        }
        String problem = credentials.problem();
        if (problem == null) {
            warnedProblem = null;
        } else if (!problem.equals(warnedProblem)) {
            warnedProblem = problem;
            LOG.warn("management refuses every request until this is fixed: {}", problem);
        }
        countRefusal(ctx);
        refuse(ctx, "management needs credentials: HTTP basic with a name and secret from the"
                + " credentials file, or 'Authorization: Bearer <secret>'");
    }

    /**
     * The request-level rules of {@code jolokia-access.xml} (HTTP method, origin), checked here
     * with Jolokia's own reading of the file so that a refusal is a plain 405 or 403 with a
     * reason: the Camel plugin would turn Jolokia's refusal of an origin into a 500.
     */
    private void checkPolicy(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        boolean allowed = HttpMethod.POST.equals(method) ? policy.isHttpMethodAllowed(
                org.jolokia.server.core.util.HttpMethod.POST)
                : HttpMethod.GET.equals(method) && policy.isHttpMethodAllowed(
                        org.jolokia.server.core.util.HttpMethod.GET);
        if (!allowed) {
            answer(ctx.response().putHeader("Allow", "POST"), 405, "management accepts only POST (as Hawtio"
                    + " sends): a " + method + " could come from any link or image on any web page");
            return;
        }
        String origin = originOrReferer(ctx);
        if (!policy.isOriginAllowed(origin, true)) {
            String shown = origin.length() > 200 ? origin.substring(0, 200) + "..." : origin;
            answer(ctx.response(), 403, "requests made by pages on " + shown + " are refused: management"
                    + " accepts requests with no Origin, or made by a page served from localhost");
            return;
        }
        ctx.next();
    }

    /** What Jolokia's Camel plugin checks: Origin, else Referer, else empty (a non-browser client). */
    private static String originOrReferer(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        if (origin == null) {
            origin = ctx.request().getHeader("Referer");
        }
        if (origin == null) {
            return "";
        }
        return origin.replaceAll("[\\r\\n]", "");
    }

    private void countRefusal(RoutingContext ctx) {
        int refused = refusedSinceWarning.incrementAndGet();
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            refusedSinceWarning.addAndGet(-refused);
            LOG.warn("management refused {} request(s) without valid credentials since the last such warning,"
                    + " the latest from {}", refused, ctx.request().remoteAddress());
        }
    }

    private static void refuse(RoutingContext ctx, String reason) {
        answer(ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\""),
                401, reason);
    }

    private static void answer(HttpServerResponse response, int status, String reason) {
        response.setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(reason + "\n");
    }
}

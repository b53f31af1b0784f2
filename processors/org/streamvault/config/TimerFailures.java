package org.streamvault.config;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamvault.segments.FailureLog;

/**
 * What a timer-driven route (cutter poll, coverage check, downloader tick, backfiller timers)
 * does with an exception nothing else caught: Camel's error handler would log it with message
 * history and stack trace on every tick, forever. Here it is logged with its stack trace the
 * first time its class shows up, then as one line at most once a minute ({@link FailureLog}).
 * Expected conditions never get this far: components log them in one line themselves. HTTP
 * routes are not affected (their processors answer every failure), nor internal direct routes,
 * whose callers handle what they throw.
 *
 * <p>Camel Main finds it by package scan ({@code camel.main.base-package-scan}), as it finds
 * every public {@code RoutesBuilder} under {@code org.streamvault}, and applies a route
 * configuration without id to every route.
 */
public final class TimerFailures extends RouteConfigurationBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(TimerFailures.class);
    private static final FailureLog FAILURES = new FailureLog(LOG, 60_000);

    @Override
    public void configuration() {
        routeConfiguration().onException(Exception.class).onWhen(TimerFailures::fromTimer).handled(true)
                .process(TimerFailures::logFailure);
    }

    private static boolean fromTimer(Exchange exchange) {
        return exchange.getFromEndpoint() != null && exchange.getFromEndpoint().getEndpointUri().startsWith("timer:");
    }

    private static void logFailure(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (e != null) {
            FAILURES.unexpected("route " + exchange.getFromRouteId() + " failed", e);
        }
    }
}

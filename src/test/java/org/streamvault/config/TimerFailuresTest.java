package org.streamvault.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.testing.Await;
import org.streamvault.testing.LogCapture;
import org.streamvault.testing.TestNode;

/** A timer route that keeps failing unexpectedly logs one stack trace, then one line at most a minute. */
class TimerFailuresTest {
    private static final AtomicInteger TICKS = new AtomicInteger();

    /** Its own class, so no earlier failure in this JVM has had its stack trace logged already. */
    static final class Bug extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Bug() {
            super("a bug");
        }
    }

    @TempDir
    Path dir;

    @Test
    void anUnexpectedFailureIsTracedOnceThenRateLimited() throws Exception {
        try (LogCapture logs = LogCapture.start(); TestNode node = TestNode.start(dir)) {
            // a lambda, not a RouteBuilder class: package scan would add those to every node
            RouteBuilder.addRoutes(node.camelContext(), rb -> rb.from("timer:test-failing?period=50")
                    .routeId("test-failing-timer").process(e -> TICKS.incrementAndGet())
                    .throwException(new Bug()));
            Await.until("ten failed ticks", Duration.ofSeconds(20), () -> TICKS.get() >= 10);
            node.camelContext().getRouteController().stopRoute("test-failing-timer");
            var traced = logs.withStackTraces();
            assertThat(traced).hasSize(1);
            assertThat(traced.get(0).message()).contains("route test-failing-timer failed")
                    .contains("Bug: a bug");
            assertThat(logs.containing("a bug")).hasSizeLessThanOrEqualTo(2);
            assertThat(logs.containing("Failed delivery")).isEmpty();
        }
    }
}

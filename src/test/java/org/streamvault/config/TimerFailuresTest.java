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
    @TempDir
    Path dir;

    @Test
    void anUnexpectedFailureIsTracedOnceThenRateLimited() throws Exception {
        try (LogCapture logs = LogCapture.start(); TestNode node = TestNode.start(dir)) {
            node.camelContext().addRoutes(new FailingTimer());
            Await.until("ten failed ticks", Duration.ofSeconds(20), () -> FailingTimer.TICKS.get() >= 10);
            node.camelContext().getRouteController().stopRoute("test-failing-timer");
            var traced = logs.withStackTraces();
            assertThat(traced).hasSize(1);
            assertThat(traced.get(0).message()).contains("route test-failing-timer failed")
                    .contains("IllegalStateException: a bug");
            assertThat(logs.containing("a bug")).hasSizeLessThanOrEqualTo(2);
            assertThat(logs.containing("Failed delivery")).isEmpty();
        }
    }

    /** Camel may instantiate route builders itself, so this one has a no-argument constructor. */
    public static final class FailingTimer extends RouteBuilder {
        static final AtomicInteger TICKS = new AtomicInteger();

        @Override
        public void configure() {
            from("timer:test-failing?period=50").routeId("test-failing-timer")
                    .process(e -> TICKS.incrementAndGet())
                    .throwException(new IllegalStateException("a bug"));
        }
    }
}

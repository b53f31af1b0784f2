package org.streamvault.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.SegmentType;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.Await;
import org.streamvault.testing.LogCapture;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestNode;

/** SPEC §12: the coverage checker publishes each new hole of the newest hours once, on recent-hole. */
class RecentHoleEventsTest {
    @TempDir
    Path base;
    @TempDir
    Path routes;

    @Test
    void eachNewHoleInARecentHourIsPublishedOnce() throws Exception {
        long previousHour = Timestamps.truncateToHour(System.currentTimeMillis() * 1000) - Timestamps.MICROS_PER_HOUR;
        CoverageFixture.write(base, "chan", "source", previousHour); // 3 holes
        Files.writeString(routes.resolve("holes.yaml"), """
                - route:
                    id: test-log-recent-holes
                    from:
                      uri: seda:streamvault-recent-hole
                      steps:
                        - log:
                            logName: test.holes
                            message: "${header.event} ${header.channel}/${header.quality} ${header.hour} holes=${header.holes} new=${header.newHoles}"
                """);
        String hour = Timestamps.formatHour(previousHour);
        try (LogCapture logs = LogCapture.start();
                TestNode node = TestNode.start(base, "streamvault.coverage.enabled", "true",
                        "streamvault.coverage.period-seconds", "1", "streamvault.routes.extra-dir", routes.toString())) {
            Await.until("a recent-hole event", () -> !lines(logs, hour).isEmpty());
            Thread.sleep(2500); // two more checks: the same holes are not told again
            assertThat(lines(logs, hour)).containsExactly("recent-hole chan/source " + hour + " holes=3 new=3");

            // a segment in the middle of the trailing gap splits it into two holes
            new StoreBuilder(base, "chan", "source").add(previousHour + 1800 * 1_000_000L, "2.0", SegmentType.FULL, 10);
            Await.until("the new hole", () -> lines(logs, hour).size() == 2);
            assertThat(lines(logs, hour).get(1)).isEqualTo("recent-hole chan/source " + hour + " holes=4 new=1");
            assertThat(node.camelContext().getRoute("test-log-recent-holes")).isNotNull();
        }
    }

    /** The events about {@code hour} (the current hour, holding no segment, has holes of its own). */
    private static List<String> lines(LogCapture logs, String hour) {
        return logs.containing("recent-hole chan/source " + hour + " ").stream().map(LogCapture.Line::message).toList();
    }
}

package org.streamvault.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.SegmentType;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestNode;

/**
 * Label sets stay bounded: after many requests for many channels, hours and files (and for
 * names that do not exist), the number of series at {@code /metrics} is under a fixed bound, and
 * a second round of requests for other hours and files adds none.
 */
class MetricsSeriesBoundTest {
    private static final int CHANNELS = 4;
    private static final int HOURS = 12;
    /** Generous for 4 channels × 2 qualities; an hour/URL/file label would blow far past it. */
    private static final int MAX_SERIES = 1_500;

    @TempDir
    Path base;

    @Test
    void seriesCountDoesNotGrowWithHoursFilesOrBadNames() throws Exception {
        long first = Timestamps.parseUtc("2026-11-20T00:00:00");
        for (int c = 0; c < CHANNELS; c++) {
            for (String q : new String[] {"source", "480p"}) {
                StoreBuilder b = new StoreBuilder(base, "chan" + c, q);
                for (int h = 0; h < HOURS; h++) {
                    for (int s = 0; s < 3; s++) {
                        b.add(first + h * Timestamps.MICROS_PER_HOUR + s * 2_000_000L, "2.0", SegmentType.FULL, 64);
                    }
                }
            }
        }
        try (TestNode node = TestNode.start(base)) {
            series(node); // the scrape route's own series exist from its first exchange on
            activity(node, 0, HOURS / 2);
            int afterFirstRound = series(node);
            activity(node, HOURS / 2, HOURS);
            int afterSecondRound = series(node);
            assertThat(afterFirstRound).isLessThan(MAX_SERIES);
            assertThat(afterSecondRound).isEqualTo(afterFirstRound);
            assertThat(node.get("/metrics").body()).doesNotContain("2026-11-20").doesNotContain("nochan")
                    .doesNotContain("camel_exchange_event_notifier")
                    .doesNotContain("missing");
        }
    }

    private static void activity(TestNode node, int fromHour, int toHour) throws Exception {
        long first = Timestamps.parseUtc("2026-11-20T00:00:00");
        node.get("/files");
        for (int c = 0; c < CHANNELS; c++) {
            String chan = "chan" + c;
            node.get("/files/" + chan);
            node.get("/playlist/" + chan + ".m3u8");
            for (String q : new String[] {"source", "480p"}) {
                node.get("/files/" + chan + "/" + q);
                for (int h = fromHour; h < toHour; h++) {
                    long hourStart = first + h * Timestamps.MICROS_PER_HOUR;
                    String hour = Timestamps.formatHour(hourStart);
                    String files = node.get("/files/" + chan + "/" + q + "/" + hour).body();
                    for (String name : files.replaceAll("[\\[\\]\"]", "").split(",")) {
                        node.getBytes("/segments/" + chan + "/" + q + "/" + hour + "/" + name);
                    }
                    String start = Timestamps.formatIso(hourStart).replace("Z", "");
                    node.get("/playlist/" + chan + "/" + q + ".m3u8?start=" + start);
                    // names that do not exist and bad requests must not create series either
                    node.get("/files/nochan" + h + "/" + q);
                    node.get("/playlist/nochan" + h + "/" + q + ".m3u8");
                    node.get("/playlist/" + chan + "/" + q + ".m3u8?start=bad" + h);
                    node.get("/segments/" + chan + "/" + q + "/" + hour + "/missing" + h + ".ts");
                    node.get("/nothing/here/" + h);
                }
            }
        }
    }

    /** Sample lines in the Prometheus text output (comments excluded). */
    private static int series(TestNode node) throws Exception {
        String body = node.get("/metrics").body();
        int n = 0;
        for (String line : body.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                n++;
            }
        }
        return n;
    }
}

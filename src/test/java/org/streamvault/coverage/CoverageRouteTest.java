package org.streamvault.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.SegmentType;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.Await;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestNode;

/** The coverage routes on a real node: gauges at /metrics, the PNG and the page at /coverage/. */
class CoverageRouteTest {
    @TempDir
    Path base;

    @Test
    void gaugesMapAndPageReflectTheStore() throws Exception {
        // The fixture hour is the previous hour, so it is complete and hours_ago is 1.
        long previousHour = Timestamps.truncateToHour(System.currentTimeMillis() * 1000) - Timestamps.MICROS_PER_HOUR;
        CoverageFixture.write(base, "chan", "source", previousHour);
        new StoreBuilder(base, "other", "source").add(previousHour, "2.0", SegmentType.FULL, 10);
        try (TestNode node = TestNode.start(base, "streamvault.coverage.enabled", "true",
                "streamvault.coverage.period-seconds", "1", "streamvault.coverage.recent-hours", "3")) {
            String hoursAgo1 = "channel=\"chan\",hours_ago=\"1\",quality=\"source\"";
            awaitMetrics(node, "streamvault_coverage_holes{" + hoursAgo1 + "} 3.0");
            // the check's timing is recorded when it returns, after the gauges and the map
            awaitMetrics(node, "streamvault_coverage_seconds_count{channel=\"chan\",error=\"\"");
            String metrics = node.get("/metrics").body();
            assertThat(metrics)
                    .contains("streamvault_coverage_overlaps{" + hoursAgo1 + "} 1.0")
                    .contains("streamvault_coverage_raw_seconds{" + hoursAgo1 + "} 9.0")
                    .contains("streamvault_coverage_editable_seconds{" + hoursAgo1 + "} 7.0")
                    .contains("streamvault_coverage_segments{channel=\"chan\",hours_ago=\"1\",quality=\"source\",type=\"full\"} 5.0")
                    .contains("streamvault_coverage_segment_duration_seconds{channel=\"chan\",hours_ago=\"1\","
                            + "quality=\"source\",type=\"partial\"} 2.0")
                    .contains("hours_ago=\"2\"").doesNotContain("hours_ago=\"3\"")
                    .contains("streamvault_coverage_seconds_count{channel=\"chan\",error=\"\"");

            HttpResponse<byte[]> png = node.getBytes("/coverage/chan/source.png");
            assertThat(png.statusCode()).isEqualTo(200);
            assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
            assertThat(image.getRGB(0, 0) & 0xffffff).isEqualTo(CoverageMap.FULL);
            assertThat(image.getRGB(0, 2) & 0xffffff).isEqualTo(CoverageMap.MISSING);
            assertThat(image.getRGB(0, 5) & 0xffffff).isEqualTo(CoverageMap.PARTIAL);
            assertThat(Files.isRegularFile(base.resolve("coverage-maps/chan/source.png"))).isTrue();

            for (String path : new String[] {"/coverage/", "/coverage"}) {
                HttpResponse<String> page = node.get(path);
                assertThat(page.statusCode()).as(path).isEqualTo(200);
                assertThat(page.body()).contains("<h2>chan</h2>").contains("src=\"/coverage/chan/source.png\"")
                        .contains("src=\"/coverage/other/source.png\"");
            }

            // the maps directory is not a channel
            assertThat(node.get("/files").body()).isEqualTo("[\"chan\",\"other\"]");
            assertThat(node.get("/files/coverage-maps").statusCode()).isEqualTo(403);
            assertThat(node.get("/coverage/nochan/source.png").statusCode()).isEqualTo(404);
            assertThat(node.get("/coverage/.hidden/source.png").statusCode()).isEqualTo(403);

            // a channel that disappears takes its series with it
            try (Stream<Path> files = Files.walk(base.resolve("other"))) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            Await.until("the deleted channel's series to go", Duration.ofSeconds(20),
                    () -> !metricsBody(node).contains("channel=\"other\",hours_ago"));
        }
    }

    @Test
    void mapsDrawTheNewestHoursWithDataHoweverOld() throws Exception {
        // a recording from a month ago, in three hours: 31 days ago, then 30 days ago and 4 hours later
        long monthAgo = Timestamps.truncateToHour(System.currentTimeMillis() * 1000) - 30 * 24 * Timestamps.MICROS_PER_HOUR;
        StoreBuilder store = new StoreBuilder(base, "old", "source");
        store.add(monthAgo - 24 * Timestamps.MICROS_PER_HOUR, "2.0", SegmentType.FULL, 10);
        store.add(monthAgo, "2.0", SegmentType.FULL, 10);
        store.add(monthAgo + 4 * Timestamps.MICROS_PER_HOUR, "2.0", SegmentType.FULL, 10);
        try (TestNode node = TestNode.start(base, "streamvault.coverage.enabled", "true",
                "streamvault.coverage.period-seconds", "1", "streamvault.coverage.map-hours", "2")) {
            Await.until("the map", Duration.ofSeconds(20), () -> node.getBytes("/coverage/old/source.png").statusCode() == 200);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(node.getBytes("/coverage/old/source.png").body()));
            // two hours of six columns: the two newest with data, not 168 empty wall-clock hours
            assertThat(image.getWidth()).isEqualTo(2 * CoverageMap.COLUMNS_PER_HOUR);
            assertThat(image.getRGB(0, 0) & 0xffffff).isEqualTo(CoverageMap.FULL);
            assertThat(image.getRGB(0, 1) & 0xffffff).isEqualTo(CoverageMap.MISSING);
            assertThat(image.getRGB(CoverageMap.COLUMNS_PER_HOUR, 0) & 0xffffff).isEqualTo(CoverageMap.FULL);
            String page = node.get("/coverage/").body();
            assertThat(page).contains("The newest 2 hour(s) with data, " + Timestamps.formatHour(monthAgo) + " to "
                    + Timestamps.formatHour(monthAgo + 4 * Timestamps.MICROS_PER_HOUR))
                    .contains("3 hour(s) without data between them left out");
        }
    }

    @Test
    void coverageIsOffByDefault() throws Exception {
        try (TestNode node = TestNode.start(base)) {
            assertThat(node.get("/coverage/").statusCode()).isEqualTo(404);
            assertThat(node.camelContext().getRouteController().getRouteStatus("coverage-check-every-stream").isStarted())
                    .isFalse();
        }
    }

    private static String metricsBody(TestNode node) {
        try {
            return node.get("/metrics").body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitMetrics(TestNode node, String line) throws Exception {
        Await.until("metrics line " + line, Duration.ofSeconds(20), () -> metricsBody(node).contains(line));
    }
}

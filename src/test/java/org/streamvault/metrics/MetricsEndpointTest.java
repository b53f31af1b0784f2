package org.streamvault.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.SegmentType;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestNode;

/** Route and Streamvault metrics at {@code /metrics} and {@code /observe/metrics}, and the one switch. */
class MetricsEndpointTest {
    @TempDir
    Path base;

    private void someSegments() {
        StoreBuilder b = new StoreBuilder(base, "chan", "source");
        for (int i = 0; i < 5; i++) {
            b.add("2026-11-20T14:00:0" + (2 * i), "2.0", SegmentType.FULL, 100);
        }
    }

    @Test
    void routeAndSelectionMetricsAreServedOnBothPaths() throws Exception {
        someSegments();
        try (TestNode node = TestNode.start(base)) {
            assertThat(node.get("/playlist/chan/source.m3u8?start=2026-11-20T14:00:00&end=2026-11-20T14:00:10")
                    .statusCode()).isEqualTo(200);
            for (String path : new String[] {"/metrics", "/observe/metrics"}) {
                HttpResponse<String> r = node.get(path);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).as(path)
                        .contains("routeId=\"restreamer-media-playlist\"")
                        .contains("streamvault_selection_seconds_count{channel=\"chan\",error=\"\",quality=\"source\"} 1")
                        .contains("streamvault_selection_cpu_seconds_count{channel=\"chan\",error=\"\",quality=\"source\"} 1")
                        .contains("streamvault_selection_per_unit_seconds_count{channel=\"chan\"")
                        .contains("streamvault_selection_units_total{channel=\"chan\",error=\"\",quality=\"source\"} 5.0");
            }
        }
    }

    @Test
    void oneSettingTurnsAllMetricsOff() throws Exception {
        someSegments();
        try (TestNode node = TestNode.start(base, "streamvault.metrics.enabled", "false")) {
            assertThat(node.get("/playlist/chan/source.m3u8").statusCode()).isEqualTo(200);
            assertThat(node.get("/metrics").statusCode()).isEqualTo(404);
            assertThat(node.get("/observe/metrics").statusCode()).isEqualTo(404);
            var registry = node.camelContext().getRegistry();
            assertThat(registry.lookupByName(MicrometerConstants.METRICS_REGISTRY_NAME)).isNull();
            assertThat(node.camelContext().getRoute("restreamer-media-playlist").getRoutePolicyList()).isEmpty();
            MeterRegistry own = registry.lookupByNameAndType("nodeMetrics", NodeMetrics.class).registry();
            assertThat(own.find("streamvault.selection").timers()).allSatisfy(t -> assertThat(t.count()).isZero());
        }
    }
}

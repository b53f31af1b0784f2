package org.streamvault.download;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.testing.Await;
import org.streamvault.testing.FaultyHlsOrigin;

/**
 * What an operator sees of a recording node: through Jolokia on the management port, as Hawtio
 * reads it, the fetch route's exchange count is the number of segments fetched and the poll
 * route's grows with the polls; {@code /metrics} says the same per route id.
 */
class DownloaderMonitoringTest extends DownloaderTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SECRET = "monitoring-test-secret-" + System.nanoTime();
    private static final String FETCH = "downloader-fetch-segment-" + CHANNEL + "-" + QUALITY;
    private static final String POLL = "downloader-poll-playlist-" + CHANNEL + "-" + QUALITY;
    private static final String RESOLVE = "downloader-resolve-url-" + CHANNEL + "-" + QUALITY;

    @TempDir
    Path etc;

    @Test
    void routeCountsAreSegmentsFetchedAndPlaylistsPolled() throws Exception {
        origin = FaultyHlsOrigin.start(10);
        origin.publish(3);
        startNode("streamvault.management.credentials-file", credentials().toString());

        awaitFull(0, 3);
        Await.until("3 fetch exchanges and a poll", Duration.ofSeconds(10),
                () -> completed(FETCH) >= 3 && completed(POLL) > 0);
        long polls = completed(POLL);
        assertThat(completed(FETCH)).isEqualTo(3);
        assertThat(completed(RESOLVE)).isEqualTo(1);

        origin.publish(2);
        awaitFull(0, 5);
        Await.until("5 fetch exchanges", Duration.ofSeconds(10), () -> completed(FETCH) >= 5);
        // a segment already fetched is never fetched again, however often the playlist lists it
        Thread.sleep(1000);
        assertThat(completed(FETCH)).isEqualTo(5);
        assertThat(failed(FETCH)).isZero();
        assertThat(completed(POLL)).isGreaterThan(polls);
        for (int k = 0; k < 5; k++) {
            assertThat(origin.requests(k)).as("requests for segment %d", k).isEqualTo(1);
        }

        Await.until("the fetch route's 5 exchanges on /metrics", Duration.ofSeconds(10),
                () -> metric("camel_exchanges_total", "routeId=\"" + FETCH + "\"") == 5);
        // the series the Grafana dashboard's downloader panels use: every fetch timed. It lost the
        // first one when the poll route started before the fetch route (see DownloaderBeans.TEMPLATES)
        assertThat(metric("camel_route_policy_seconds_count", "routeId=\"" + FETCH + "\"")).isEqualTo(5);
        assertThat(metric("camel_route_policy_seconds_max", "routeId=\"" + FETCH + "\"")).isPositive();
        assertThat(metric("camel_exchanges_total", "routeId=\"" + POLL + "\"")).isPositive();
        assertThat(metric("camel_exchanges_total", "routeId=\"" + RESOLVE + "\"")).isEqualTo(1);
        assertThat(metric("streamvault_downloader_segments_total", "type=\"full\"")).isEqualTo(5);
        // no event notifier asks for exchange events, so no route pays for building them
        assertThat(node.camelContext().getCamelContextExtension().isEventNotificationApplicable())
                .as("notifiers that want exchange events: %s", node.camelContext().getManagementStrategy()
                        .getEventNotifiers().stream().filter(n -> !n.isIgnoreExchangeEvents())
                        .map(n -> n.getClass().getName()).toList())
                .isFalse();
    }

    @Test
    void anOperatorStopsAndStartsAPollRouteThroughJolokiaWithinASecondOrTwo() throws Exception {
        origin = FaultyHlsOrigin.start(30);
        origin.publish(2);
        startNode("streamvault.management.credentials-file", credentials().toString());
        awaitFull(0, 2);

        long before = System.nanoTime();
        exec(POLL, "stop()");
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(2));
        assertThat(state(POLL)).isEqualTo("Stopped");
        long polls = completed(POLL);
        long requests = origin.playlistRequests();
        origin.publish(1);
        Thread.sleep(1000);
        assertThat(origin.playlistRequests()).as("playlist requests while stopped").isEqualTo(requests);
        assertThat(files()).hasSize(2);

        exec(POLL, "start()");
        assertThat(state(POLL)).isEqualTo("Started");
        origin.publish(1);
        awaitFull(0, 4);
        long from = origin.playlistRequests();
        Thread.sleep(3000);
        // one loop polls every ~0.3 s (about 10 in 3 s); two loops would double that
        assertThat(origin.playlistRequests() - from).isBetween(5L, 14L);
        assertThat(completed(POLL)).isGreaterThan(polls);
        assertThat(failed(POLL)).isZero();
    }

    private Path credentials() throws Exception {
        Path credentials = etc.resolve("management-credentials");
        Files.writeString(credentials, "hawtio sha256:" + HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(SECRET.getBytes(StandardCharsets.UTF_8))) + "\n");
        return credentials;
    }

    private String state(String routeId) throws Exception {
        return jolokia("{\"type\":\"read\",\"mbean\":" + JSON.writeValueAsString(mbean(routeId))
                + ",\"attribute\":\"State\"}").asText();
    }

    /** A route MBean operation, called with a Jolokia POST as Hawtio's Start/Stop buttons do. */
    private void exec(String routeId, String operation) throws Exception {
        jolokia("{\"type\":\"exec\",\"mbean\":" + JSON.writeValueAsString(mbean(routeId)) + ",\"operation\":\""
                + operation + "\"}");
    }

    private long completed(String routeId) throws Exception {
        return read(routeId, "ExchangesCompleted");
    }

    private long failed(String routeId) throws Exception {
        return read(routeId, "ExchangesFailed");
    }

    /** One attribute of a route MBean, read with a Jolokia POST as Hawtio sends it. */
    private long read(String routeId, String attribute) throws Exception {
        return jolokia("{\"type\":\"read\",\"mbean\":" + JSON.writeValueAsString(mbean(routeId))
                + ",\"attribute\":\"" + attribute + "\"}").asLong();
    }

    private static String mbean(String routeId) {
        return "org.apache.camel:context=streamvault,type=routes,name=\"" + routeId + "\"";
    }

    private JsonNode jolokia(String request) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(node.managementUrl("/jolokia")))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("hawtio:" + SECRET).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(request)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(r.body());
        assertThat(answer.path("status").asInt()).as(r.body()).isEqualTo(200);
        return answer.path("value");
    }
}

package org.streamvault.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.testing.TestNode;

/** {@code /observe/jolokia} obeys {@code jolokia-access.xml}: reads and route start/stop, nothing else. */
class JolokiaAccessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ROUTE_MBEAN =
            "org.apache.camel:context=streamvault,type=routes,name=\"restreamer-list-channels\"";

    @TempDir
    static Path base;
    static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start(base);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static JsonNode post(String json) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(node.url("/observe/jolokia")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    @Test
    void readingARouteAttributeWorks() throws Exception {
        JsonNode r = post("{\"type\":\"read\",\"mbean\":" + JSON.writeValueAsString(ROUTE_MBEAN)
                + ",\"attribute\":\"State\"}");
        assertThat(r.path("status").asInt()).isEqualTo(200);
        assertThat(r.path("value").asText()).isEqualTo("Started");
    }

    @Test
    void listingMBeansWorksForHawtio() throws Exception {
        JsonNode r = post("{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,*\"}");
        assertThat(r.path("status").asInt()).isEqualTo(200);
        assertThat(r.path("value").toString()).contains("restreamer-list-channels");
    }

    @Test
    void aRouteCanBeStoppedAndStartedAgain() throws Exception {
        try {
            JsonNode stopped = post("{\"type\":\"exec\",\"mbean\":" + JSON.writeValueAsString(ROUTE_MBEAN)
                    + ",\"operation\":\"stop()\"}");
            assertThat(stopped.path("status").asInt()).as(stopped.toString()).isEqualTo(200);
            assertThat(node.camelContext().getRouteController().getRouteStatus("restreamer-list-channels"))
                    .isEqualTo(ServiceStatus.Stopped);
            assertThat(node.get("/files").statusCode()).isEqualTo(404);

            JsonNode started = post("{\"type\":\"exec\",\"mbean\":" + JSON.writeValueAsString(ROUTE_MBEAN)
                    + ",\"operation\":\"start()\"}");
            assertThat(started.path("status").asInt()).as(started.toString()).isEqualTo(200);
            assertThat(node.camelContext().getRouteController().getRouteStatus("restreamer-list-channels"))
                    .isEqualTo(ServiceStatus.Started);
            assertThat(node.get("/files").statusCode()).isEqualTo(200);
        } finally {
            node.camelContext().getRouteController().startRoute("restreamer-list-channels");
        }
    }

    @Test
    void execOnAnotherMBeanIsRefused() throws Exception {
        JsonNode r = post("{\"type\":\"exec\",\"mbean\":\"java.lang:type=Memory\",\"operation\":\"gc\"}");
        assertThat(r.path("status").asInt()).as(r.toString()).isEqualTo(403);
    }

    @Test
    void stoppingTheWholeContextIsRefused() throws Exception {
        JsonNode r = post("{\"type\":\"exec\",\"mbean\":\"org.apache.camel:context=streamvault,type=context,"
                + "name=\\\"streamvault\\\"\",\"operation\":\"stop()\"}");
        assertThat(r.path("status").asInt()).as(r.toString()).isEqualTo(403);
        assertThat(node.camelContext().isStarted()).isTrue();
    }

    @Test
    void writingAnAttributeIsRefused() throws Exception {
        JsonNode r = post("{\"type\":\"write\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"Verbose\","
                + "\"value\":true}");
        assertThat(r.path("status").asInt()).as(r.toString()).isEqualTo(403);
    }

    @Test
    void systemPropertiesAreNotReadable() throws Exception {
        JsonNode r = post("{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"SystemProperties\"}");
        assertThat(r.path("status").asInt()).as(r.toString()).isEqualTo(403);
    }
}

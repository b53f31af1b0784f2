package org.streamvault.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.testing.TestNode;

/**
 * Jolokia on the management port, with credentials from the configured file: Hawtio's reads and
 * route start/stop work; GETs, foreign origins and everything {@code jolokia-access.xml} does not
 * allow are refused.
 */
class JolokiaAccessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ROUTE = "restreamer-list-channels";
    private static final String ROUTE_MBEAN = "org.apache.camel:context=streamvault,type=routes,name=\"" + ROUTE + "\"";
    private static final String SECRET = "k3Jr9-" + HexFormat.of().formatHex(ManagementCredentials.sha256("test"));

    @TempDir
    static Path base;
    @TempDir
    static Path etc;
    static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        Path credentials = etc.resolve("management-credentials");
        Files.writeString(credentials, "# test operator\nhawtio sha256:"
                + HexFormat.of().formatHex(ManagementCredentials.sha256(SECRET)) + "\n");
        node = TestNode.start(base, "streamvault.management.credentials-file", credentials.toString());
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static String basic(String name, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> postAs(String authorization, String json, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.managementUrl("/jolokia")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    private static JsonNode post(String json) throws Exception {
        HttpResponse<String> r = postAs(basic("hawtio", SECRET), json);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        return JSON.readTree(r.body());
    }

    private static String exec(String operation) throws Exception {
        return "{\"type\":\"exec\",\"mbean\":" + JSON.writeValueAsString(ROUTE_MBEAN) + ",\"operation\":\""
                + operation + "\"}";
    }

    private ServiceStatus routeStatus() {
        return node.camelContext().getRouteController().getRouteStatus(ROUTE);
    }

    @Test
    void readingARouteAttributeWorks() throws Exception {
        JsonNode r = post("{\"type\":\"read\",\"mbean\":" + JSON.writeValueAsString(ROUTE_MBEAN)
                + ",\"attribute\":\"State\"}");
        assertThat(r.path("status").asInt()).as(r.toString()).isEqualTo(200);
        assertThat(r.path("value").asText()).isEqualTo("Started");
    }

    @Test
    void hawtiosFirstBulkRequestWorks() throws Exception {
        // Hawtio starts with one POST holding several requests: the agent version, the MBean tree
        // (list), and a search for Camel contexts and routes.
        JsonNode r = post("[{\"type\":\"version\"},"
                + "{\"type\":\"list\",\"path\":\"org.apache.camel\",\"config\":{\"maxDepth\":2}},"
                + "{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,*\"},"
                + "{\"type\":\"read\",\"mbean\":\"org.apache.camel:context=streamvault,type=routes,*\","
                + "\"attribute\":[\"RouteId\",\"State\",\"ExchangesTotal\"]}]");
        assertThat(r.isArray()).as(r.toString()).isTrue();
        assertThat(r.size()).isEqualTo(4);
        for (JsonNode each : r) {
            assertThat(each.path("status").asInt()).as(each.toString()).isEqualTo(200);
        }
        assertThat(r.get(1).path("value").toString()).contains("context=streamvault");
        assertThat(r.get(2).path("value").toString()).contains(ROUTE);
        assertThat(r.get(3).path("value").toString()).contains(ROUTE).contains("Started");
    }

    @Test
    void aRouteCanBeStoppedAndStartedAgain() throws Exception {
        try {
            JsonNode stopped = post(exec("stop()"));
            assertThat(stopped.path("status").asInt()).as(stopped.toString()).isEqualTo(200);
            assertThat(routeStatus()).isEqualTo(ServiceStatus.Stopped);
            assertThat(node.get("/files").statusCode()).isEqualTo(404);

            JsonNode started = post(exec("start()"));
            assertThat(started.path("status").asInt()).as(started.toString()).isEqualTo(200);
            assertThat(routeStatus()).isEqualTo(ServiceStatus.Started);
            assertThat(node.get("/files").statusCode()).isEqualTo(200);
        } finally {
            node.camelContext().getRouteController().startRoute(ROUTE);
        }
    }

    @Test
    void aBearerTokenWorksToo() throws Exception {
        HttpResponse<String> r = postAs("Bearer " + SECRET, "{\"type\":\"version\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).path("status").asInt()).isEqualTo(200);
    }

    @Test
    void aWrongSecretOrNameIsRefused() throws Exception {
        for (String auth : new String[] {basic("hawtio", SECRET + "x"), basic("other", SECRET),
                "Bearer " + SECRET.substring(1), "Basic !!!", "Digest whatever"}) {
            HttpResponse<String> r = postAs(auth, exec("stop()"));
            assertThat(r.statusCode()).as(auth).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        }
        assertThat(routeStatus()).isEqualTo(ServiceStatus.Started);
    }

    @Test
    void aGetIsRefusedEvenWithCredentials() throws Exception {
        String mbean = URLEncoder.encode(ROUTE_MBEAN, StandardCharsets.UTF_8).replace("+", "%20");
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(node.managementUrl(
                "/jolokia/exec/" + mbean + "/stop()"))).header("Authorization", basic("hawtio", SECRET)).GET());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(405);
        assertThat(r.body()).startsWith("management accepts only POST");
        assertThat(routeStatus()).isEqualTo(ServiceStatus.Started);
        assertThat(node.get("/files").statusCode()).isEqualTo(200);
    }

    @Test
    void aCrossOriginPostWithValidCredentialsIsRefused() throws Exception {
        for (String[] header : new String[][] {{"Origin", "https://evil.example"},
                {"Origin", "http://localhost.evil.example"}, {"Referer", "https://evil.example/page.html"}}) {
            HttpResponse<String> r = postAs(basic("hawtio", SECRET), exec("stop()"), header);
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).as(header[1]).isEmpty();
            assertThat(r.statusCode()).as(header[1] + ": " + r.body()).isEqualTo(403);
            assertThat(r.body()).contains("refused");
            assertThat(routeStatus()).as(header[1]).isEqualTo(ServiceStatus.Started);
        }
        assertThat(node.get("/files").statusCode()).isEqualTo(200);
    }

    @Test
    void aLocalHawtioOriginIsAccepted() throws Exception {
        HttpResponse<String> r = postAs(basic("hawtio", SECRET), "{\"type\":\"version\"}",
                "Origin", "http://localhost:8080");
        assertThat(JSON.readTree(r.body()).path("status").asInt()).as(r.body()).isEqualTo(200);
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

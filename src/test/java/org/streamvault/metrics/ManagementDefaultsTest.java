package org.streamvault.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.testing.TestNode;

/**
 * A node started with the defaults (no credentials file): nothing that can change it answers
 * without credentials, on either port, and the management port is not on the network.
 */
class ManagementDefaultsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ROUTE = "restreamer-list-channels";
    private static final String STOP_PATH = "/exec/" + URLEncoder.encode(
            "org.apache.camel:context=streamvault,type=routes,name=\"" + ROUTE + "\"", StandardCharsets.UTF_8)
            .replace("+", "%20") + "/stop()";
    private static final String STOP_BODY = "{\"type\":\"exec\",\"mbean\":\"org.apache.camel:context=streamvault,"
            + "type=routes,name=\\\"" + ROUTE + "\\\"\",\"operation\":\"stop()\"}";

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

    private static HttpResponse<String> send(String url, String method, String body, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRouteStillServes() throws Exception {
        assertThat(node.camelContext().getRouteController().getRouteStatus(ROUTE)).isEqualTo(ServiceStatus.Started);
        assertThat(node.get("/files").statusCode()).isEqualTo(200);
    }

    @Test
    void anUnauthenticatedGetThatStopsARouteIsRefused() throws Exception {
        HttpResponse<String> r = send(node.managementUrl("/jolokia" + STOP_PATH), "GET", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertRouteStillServes();
    }

    @Test
    void anUnauthenticatedPostThatStopsARouteIsRefused() throws Exception {
        HttpResponse<String> r = send(node.managementUrl("/jolokia"), "POST", STOP_BODY,
                "Content-Type", "application/json");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).startsWith("management credentials are not configured");
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertRouteStillServes();
    }

    @Test
    void withoutACredentialsFileNoCredentialIsAccepted() throws Exception {
        HttpResponse<String> r = send(node.managementUrl("/jolokia"), "POST", "{\"type\":\"version\"}",
                "Authorization", JolokiaAccessTest.basic("admin", "admin"));
        assertThat(r.statusCode()).isEqualTo(401);
        r = send(node.managementUrl("/jolokia"), "POST", "{\"type\":\"version\"}", "Authorization", "Bearer ");
        assertThat(r.statusCode()).isEqualTo(401);
    }

    @Test
    void theOldPathOnThePublicPortChangesNothing() throws Exception {
        // the exact request of the bug report: a plain GET, so any <img src> could send it
        HttpResponse<String> get = send(node.url("/observe/jolokia" + STOP_PATH), "GET", null);
        assertThat(get.statusCode()).isEqualTo(404);
        HttpResponse<String> post = send(node.url("/observe/jolokia"), "POST", STOP_BODY,
                "Content-Type", "application/json");
        assertThat(post.statusCode()).isIn(404, 405);
        assertThat(get.body() + post.body()).doesNotContain("\"status\":200");
        assertRouteStillServes();
    }

    @Test
    void healthAndMetricsStayOnThePublicPort() throws Exception {
        assertThat(node.get("/observe/health").statusCode()).isEqualTo(200);
        assertThat(node.get("/metrics").statusCode()).isEqualTo(200);
    }

    @Test
    void theManagementPortIsNotReachableOnANonLoopbackAddress() throws Exception {
        Optional<InetAddress> address = nonLoopbackAddress();
        Assumptions.assumeTrue(address.isPresent(),
                "this machine has no non-loopback address up, so there is no other network to check");
        // it does listen on loopback ...
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), node.managementPort()), 2000);
        }
        // ... and not on the machine's other address
        assertThatThrownBy(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address.get(), node.managementPort()), 2000);
            }
        }).as("management port on " + address.get()).isInstanceOf(ConnectException.class);
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                // IPv4 first: a link-local IPv6 address needs a scope to be connected to at all
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }
}

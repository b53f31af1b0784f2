package org.streamvault.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.testing.LogCapture;
import org.streamvault.testing.TestNode;

/** The streamvault.management.* and public health settings, and what management logs, each on a node of its own. */
class ManagementSettingsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path base;

    @Test
    void aCredentialsFileThatCannotBeUsedStopsTheStartSayingWhy() throws Exception {
        Path missing = base.resolve("no-such-file");
        assertThat(startFailure("streamvault.management.credentials-file", missing.toString()))
                .startsWith("streamvault.management.credentials-file: ").contains("cannot be read");

        Path plain = Files.writeString(base.resolve("plain"), "hawtio my-password\n");
        assertThat(startFailure("streamvault.management.credentials-file", plain.toString()))
                .contains("line 1").doesNotContain("my-password");
    }

    @Test
    void aManagementPortInUseStopsTheStartSayingWhich() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> TestNode.start(base,
                    "streamvault.management.port", Integer.toString(taken.getLocalPort())).close());
            assertThat(t).hasStackTraceContaining("the management port 127.0.0.1:" + taken.getLocalPort()
                    + " cannot be opened");
        }
    }

    private String startFailure(String... overrides) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> TestNode.start(base, overrides).close());
        assertThat(t).as("the node started").isNotNull();
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    @Test
    void withoutCredentialsTheNodeWarnsOnceAndKeepsRefusing() throws Exception {
        try (LogCapture log = LogCapture.start(); TestNode node = TestNode.start(base)) {
            for (int i = 0; i < 5; i++) {
                assertThat(post(node, null, "{\"type\":\"version\"}").statusCode()).isEqualTo(401);
            }
            assertThat(log.lines("WARN", "ManagementServer")).singleElement()
                    .satisfies(l -> assertThat(l.message()).contains("refuses every request: no credentials configured"));
        }
    }

    @Test
    void neitherSecretNorHashIsEverLoggedAndRefusalsAreRateLimited() throws Exception {
        String secret = "f0e1d2c3b4a5968778695a4b3c2d1e0f00112233445566778899aabbccddeeff";
        String hash = HexFormat.of().formatHex(ManagementCredentials.sha256(secret));
        Path file = Files.writeString(base.resolve("credentials"), "ops sha256:" + hash + "\n");
        try (LogCapture log = LogCapture.start();
                TestNode node = TestNode.start(base, "streamvault.management.credentials-file", file.toString())) {
            assertThat(post(node, JolokiaAccessTest.basic("ops", secret), "{\"type\":\"version\"}").statusCode())
                    .isEqualTo(200);
            for (String wrong : new String[] {secret.substring(1), secret + "0", hash}) {
                assertThat(post(node, "Bearer " + wrong, "{}").statusCode()).isEqualTo(401);
                assertThat(post(node, JolokiaAccessTest.basic("ops", wrong), "{}").statusCode()).isEqualTo(401);
            }
            assertThat(log.lines()).isNotEmpty().allSatisfy(l -> assertThat(l.toString())
                    .doesNotContain(secret.substring(8, 40)).doesNotContain(hash.substring(8, 40)));
            assertThat(log.lines("WARN", "ManagementServer")).singleElement()
                    .satisfies(l -> assertThat(l.message()).contains("without valid credentials"));
        }
    }

    private static HttpResponse<String> post(TestNode node, String authorization, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.managementUrl("/jolokia")))
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void managementCanBeSwitchedOff() throws Exception {
        try (TestNode node = TestNode.start(base, "streamvault.management.enabled", "false")) {
            assertThatThrownBy(() -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), node.managementPort()), 2000);
                }
            }).isInstanceOf(ConnectException.class);
            assertThat(node.get("/files").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void publicHealthCanBeSwitchedOff() throws Exception {
        try (TestNode node = TestNode.start(base, "streamvault.health.enabled", "false")) {
            assertThat(node.get("/observe/health").statusCode()).isEqualTo(404);
            assertThat(node.get("/metrics").statusCode()).isEqualTo(200);
        }
    }
}

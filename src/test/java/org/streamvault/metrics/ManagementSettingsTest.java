package org.streamvault.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.testing.TestNode;

/** The streamvault.management.* and public health settings, each on a node of its own. */
class ManagementSettingsTest {
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

    private String startFailure(String... overrides) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> TestNode.start(base, overrides).close());
        assertThat(t).as("the node started").isNotNull();
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
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

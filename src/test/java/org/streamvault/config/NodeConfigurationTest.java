package org.streamvault.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.testing.TestNode;

/** The node's settings as a user gives them: defaults from application.properties, key=value overrides. */
class NodeConfigurationTest {
    @TempDir
    Path base;

    @Test
    void nodeNameDefaultsToTheHostName() throws Exception {
        TestNode node = TestNode.start(base);
        try {
            assertThat(node.camelContext().resolvePropertyPlaceholders("{{streamvault.node-name}}"))
                    .isEqualTo(InetAddress.getLocalHost().getHostName());
        } finally {
            node.close();
        }
    }

    @Test
    void commandLineOverridesWin() throws Exception {
        TestNode node = TestNode.start(base, "streamvault.node-name", "night-shift", "streamvault.restreamer.live-tail-seconds",
                "30");
        try {
            assertThat(node.camelContext().resolvePropertyPlaceholders("{{streamvault.node-name}}")).isEqualTo("night-shift");
            assertThat(node.camelContext().resolvePropertyPlaceholders("{{streamvault.restreamer.live-tail-seconds}}"))
                    .isEqualTo("30");
        } finally {
            node.close();
        }
    }

    @Test
    void overridesAreKeyValuePairs() {
        assertThat(StreamvaultMain.parseOverrides(new String[] {"a.b=c=d", "x="}))
                .satisfiesExactly(kv -> assertThat(kv).containsExactly("a.b", "c=d"), kv -> assertThat(kv).containsExactly("x", ""));
    }
}

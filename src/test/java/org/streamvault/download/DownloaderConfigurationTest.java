package org.streamvault.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.testing.TestNode;

/** Streams come from configuration: poll, resolve and fetch routes per (channel, quality); bad values stop start-up in one line. */
class DownloaderConfigurationTest {
    @TempDir
    Path baseDir;

    @Test
    void oneRoutePerChannelAndQuality() throws Exception {
        try (TestNode node = TestNode.start(baseDir, "streamvault.downloader.enabled", "false",
                "streamvault.channels", "alpha,beta!", "streamvault.qualities", "source,720p60",
                "streamvault.source.alpha", "http://127.0.0.1:9/master.m3u8")) {
            assertThat(node.camelContext().getRoutes()).extracting(r -> r.getRouteId())
                    .contains("downloader-poll-playlist-alpha-source", "downloader-resolve-url-alpha-source",
                            "downloader-fetch-segment-alpha-source", "downloader-poll-playlist-alpha-720p60",
                            "downloader-poll-playlist-beta-source", "downloader-fetch-segment-beta-720p60",
                            "downloader-suspect-segment-beta-720p60");
            // switched off: the routes exist (visible in management) but do not run
            assertThat(node.camelContext().getRouteController().getRouteStatus("downloader-poll-playlist-alpha-source")
                    .isStarted()).isFalse();
        }
    }

    @Test
    void aChannelNameThatCouldEscapeTheStoreIsRefused() {
        // every component reads streamvault.channels through ConfiguredStream, so the refusal is the same
        assertThatThrownBy(() -> TestNode.start(baseDir, "streamvault.channels", "../etc"))
                .hasStackTraceContaining("streamvault.channels: '../etc' is not a channel name");
    }

    @Test
    void aSourceThatIsNeitherTwitchNorHttpIsRefused() {
        assertThatThrownBy(() -> TestNode.start(baseDir, "streamvault.channels", "alpha",
                "streamvault.source.alpha", "ftp://example.org/x.m3u8"))
                .hasStackTraceContaining("expected 'twitch' or an http(s) URL");
    }
}

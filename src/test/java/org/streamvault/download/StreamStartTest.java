package org.streamvault.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.streamvault.testing.Await;
import org.streamvault.testing.FaultyHlsOrigin;
import org.streamvault.testing.TestNode;

/**
 * A node started before its stream goes live records the broadcast from its first segment,
 * with the default retry settings of application.properties (nothing shrunk but the clock of
 * the origin, which publishes a segment a second with a 5-segment window: 5 s of history, half
 * of what Twitch keeps, so a retry every 30 s, the old default, loses the start).
 */
class StreamStartTest extends DownloaderTestSupport {
    @Test
    void aStreamThatGoesLiveIsRecordedFromItsFirstSegment() throws Exception {
        origin = FaultyHlsOrigin.start(6);
        origin.window(5);
        origin.down(true);
        node = TestNode.start(baseDir, "streamvault.downloader.enabled", "true", "streamvault.channels", CHANNEL,
                "streamvault.source." + CHANNEL, origin.masterUrl());
        // the node has found the stream offline (404) at least once before it goes live
        Await.until("the node found the stream offline twice", Duration.ofSeconds(10), () -> origin.downAnswers() >= 2);
        origin.down(false);
        origin.autoPublish(Duration.ofSeconds(1));
        await(() -> origin.published() >= 6, Duration.ofSeconds(15), () -> "6 segments published");
        awaitFull(0, 6);
        for (int k = 0; k < 6; k++) {
            assertThat(files(k)).as("segment %d", k).isNotEmpty();
        }
        assertFullFilesAreExactCopies();
    }
}

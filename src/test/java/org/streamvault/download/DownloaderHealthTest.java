package org.streamvault.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.streamvault.testing.FaultyHlsOrigin;

/** The {@code downloader} health check at /observe/health. */
class DownloaderHealthTest extends DownloaderTestSupport {

    private String health() throws Exception {
        return node.get("/observe/health").body();
    }

    @Test
    void aLiveStreamWhoseSegmentsAreNotSavedMakesHealthDown() throws Exception {
        // segment times close to the wall clock, as on a real live stream
        origin = FaultyHlsOrigin.start(10, System.currentTimeMillis() * 1000L - 4_000_000L);
        origin.publish(2);
        startNode("streamvault.downloader.health-max-age-seconds", "5");
        awaitFull(0, 2);
        assertThat(health()).startsWith("{\"status\":\"UP\"");
        for (int k = 2; k < 10; k++) {
            origin.failing(k);
        }
        origin.publish(8);
        await(() -> {
            try {
                return health().contains("\"name\":\"downloader\",\"status\":\"DOWN\"");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, Duration.ofSeconds(15), () -> "health DOWN");
        assertThat(health()).contains("live but no segment saved within 5 s: test");
    }

    @Test
    void anOfflineStreamIsNotAFailure() throws Exception {
        origin = FaultyHlsOrigin.start(10);
        origin.down(true);
        startNode("streamvault.downloader.health-max-age-seconds", "1");
        Thread.sleep(2500);
        assertThat(health()).startsWith("{\"status\":\"UP\"");
    }
}

package org.streamvault.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.streamvault.segments.SegmentType;
import org.streamvault.testing.FaultyHlsOrigin;
import org.streamvault.testing.FaultyHlsOrigin.PlaylistFault;
import org.streamvault.testing.StoreContents;

/** The media playlist URL expiring, the stream going down, playlists that are garbage. */
class PlaylistLifecycleTest extends DownloaderTestSupport {

    @Test
    void nothingIsLostWhenTheUrlExpiresAndIsReplaced() throws Exception {
        origin = FaultyHlsOrigin.start(30);
        origin.autoPublish(Duration.ofMillis(250));
        startNode();
        await(() -> origin.published() >= 8, Duration.ofSeconds(10), () -> "8 segments published");
        origin.expireToken();
        await(() -> origin.published() >= 16, Duration.ofSeconds(10), () -> "16 segments published");
        origin.expireToken();
        await(() -> origin.published() >= 24, Duration.ofSeconds(10), () -> "24 segments published");
        int last = origin.published() - 1;
        // everything from the first segment the node saw up to a recent one, with no gap
        int first = (int) files().stream().mapToLong(f -> (f.startMicros() - origin.startMicros(0)) / 2_000_000)
                .min().orElseThrow();
        awaitFull(first, last);
        assertFullFilesAreExactCopies();
        assertThat(files()).allMatch(f -> f.type() == SegmentType.FULL);
        assertThat(metric("streamvault_downloader_segments_total", "type=\"full\""))
                .isGreaterThanOrEqualTo(last - first);
    }

    @Test
    void theOldUrlIsPolledUntilTheNewOneShowsARealSegment() throws Exception {
        origin = FaultyHlsOrigin.start(40);
        // each new URL shows ~3 s of pre-roll ads: longer than the 1.5 s the window keeps a segment
        origin.rotateOnResolve(10);
        origin.autoPublish(Duration.ofMillis(250));
        startNode("streamvault.downloader.max-url-age-seconds", "4");
        int end = origin.published() + 50; // 12.5 s: at least two URL replacements
        await(() -> origin.published() >= end, Duration.ofSeconds(20), () -> end + " segments published");
        int first = (int) files().stream().mapToLong(f -> (f.startMicros() - origin.startMicros(0)) / 2_000_000)
                .min().orElseThrow();
        awaitFull(first, end - 1);
        assertFullFilesAreExactCopies();
        assertThat(metric("streamvault_downloader_ad_segments_skipped_total")).isPositive();
    }

    @Test
    void aStreamThatGoesDownIsPickedUpWhenItComesBack() throws Exception {
        origin = FaultyHlsOrigin.start(10);
        origin.publish(2);
        startNode("streamvault.channels", CHANNEL + "!");
        awaitFull(0, 2);
        origin.down(true);
        origin.publish(2);
        Thread.sleep(1500);
        origin.down(false);
        origin.publish(2);
        awaitFull(0, 6);
        assertFullFilesAreExactCopies();
    }

    @Test
    void aGarbagePlaylistIsAnErrorNotACrash() throws Exception {
        origin = FaultyHlsOrigin.start(10);
        origin.publish(2);
        origin.playlistFault(PlaylistFault.GARBAGE);
        startNode();
        await(() -> errors() > 0, Duration.ofSeconds(10), () -> "a playlist error");
        assertThat(node.get("/files").statusCode()).isEqualTo(200);
        assertThat(files()).isEmpty();
        origin.playlistFault(PlaylistFault.NONE);
        origin.publish(2);
        awaitFull(0, 4);
        assertFullFilesAreExactCopies();
    }

    @Test
    void aRedirectLoopIsAnErrorNotACrash() throws Exception {
        origin = FaultyHlsOrigin.start(10);
        startNode("streamvault.source." + CHANNEL, origin.baseUrl() + "/loop.m3u8");
        await(() -> errors() >= 1, Duration.ofSeconds(10), () -> "a resolve error");
        assertThat(node.get("/files").statusCode()).isEqualTo(200);
        assertThat(files()).isEmpty();
    }

    @Test
    void anEnormousPlaylistIsCutOffAtTheLimit() throws Exception {
        origin = FaultyHlsOrigin.start(10);
        origin.publish(2);
        origin.playlistFault(PlaylistFault.HUGE);
        startNode("streamvault.downloader.max-playlist-bytes", "100000");
        await(() -> errors() >= 2, Duration.ofSeconds(10), () -> "playlist errors");
        origin.playlistFault(PlaylistFault.NONE);
        awaitFull(0, 2);
    }

    @Test
    void aSlowlyDrippingPlaylistTimesOut() throws Exception {
        origin = FaultyHlsOrigin.start(10);
        origin.publish(2);
        origin.playlistFault(PlaylistFault.SLOW);
        startNode("streamvault.downloader.head-hard-timeout-seconds", "1");
        await(() -> errors() >= 1, Duration.ofSeconds(10), () -> "a playlist timeout");
        origin.playlistFault(PlaylistFault.NONE);
        awaitFull(0, 2);
    }

    @Test
    void skewedTimestampsMarkLaterSegmentsSuspectAndReconnect() throws Exception {
        origin = FaultyHlsOrigin.start(10);
        origin.publish(3);
        startNode("streamvault.source." + CHANNEL + ".skew-check", "true");
        awaitFull(0, 3);
        origin.skew(3, 1_000_000);
        origin.publish(1);
        await(() -> files(3).stream().anyMatch(f -> f.type() == SegmentType.SUSPECT), Duration.ofSeconds(10),
                () -> "segment 3 saved as suspect");
        assertThat(files(3)).extracting(StoreContents.File::type).containsOnly(SegmentType.SUSPECT);
        // after reconnecting, new segments are trusted again
        origin.publish(2);
        awaitFull(4, 6);
    }

    @Test
    void aWholeHistoryPlaylistDoesNotStartThousandsOfFetchesAtOnce() throws Exception {
        origin = FaultyHlsOrigin.start(10);
        origin.publish(6);
        origin.stall(0, Duration.ofSeconds(2));
        origin.stall(1, Duration.ofSeconds(2));
        startNode("streamvault.downloader.concurrency", "2",
                "streamvault.downloader.suspect-threshold-seconds", "10",
                "streamvault.downloader.body-soft-timeout-seconds", "10");
        Thread.sleep(1500);
        // two slots, both held by the stalled segments: nothing else has been asked for yet
        for (int k = 2; k < 6; k++) {
            assertThat(origin.requests(k)).as("requests for segment %d", k).isZero();
        }
        awaitFull(0, 6);
    }

    @Test
    void aPollRouteStoppedAndStartedAgainPollsAgainWithOneLoop() throws Exception {
        origin = FaultyHlsOrigin.start(30);
        origin.publish(2);
        startNode();
        awaitFull(0, 2);
        String route = "downloader-poll-playlist-" + CHANNEL + "-" + QUALITY;
        long before = System.nanoTime();
        node.camelContext().getRouteController().stopRoute(route);
        // the shutdown timeout (45 s) is not waited out: only a running cycle is
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(2));
        assertThat(node.camelContext().getRouteController().getRouteStatus(route).isStopped()).isTrue();
        long stopped = origin.playlistRequests();
        Thread.sleep(1000);
        assertThat(origin.playlistRequests()).isEqualTo(stopped);

        node.camelContext().getRouteController().startRoute(route);
        origin.publish(2);
        awaitFull(2, 4);
        long from = origin.playlistRequests();
        Thread.sleep(3000);
        // one loop polls every ~0.3 s (about 10 in 3 s); a second loop beside it would double that
        assertThat(origin.playlistRequests() - from).isBetween(5L, 14L);
    }

    private double errors() {
        try {
            return metric("streamvault_downloader_errors_total", "type=\"playlist\"");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

package org.streamvault.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.streamvault.segments.SegmentType;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.FaultyHlsOrigin;
import org.streamvault.testing.FaultyTcpProxy;

/**
 * The downloader on a link that cuts most segment transfers mid-body (issue 20): each cut copy is
 * kept as {@code partial} and the segment is fetched again until a {@code full} copy lands, so
 * every segment of the live stream ends up full and byte-identical to the origin's.
 */
class CutLinkRecordingTest extends DownloaderTestSupport {
    private static final int SEGMENTS = 6;
    private static final int SEGMENT_BYTES = 1_500_000;

    private FaultyTcpProxy proxy;

    @AfterEach
    void stopProxy() {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void everySegmentEndsUpFullThroughALinkThatCutsMostOfThem() throws Exception {
        List<byte[]> media = new ArrayList<>();
        Random random = new Random(4);
        for (int i = 0; i < SEGMENTS; i++) {
            byte[] bytes = new byte[SEGMENT_BYTES];
            random.nextBytes(bytes);
            media.add(bytes);
        }
        origin = FaultyHlsOrigin.start(media, Timestamps.truncateToHour(System.currentTimeMillis() * 1000L));
        // playlists (a few hundred bytes) pass; 70% of the 1.5 MB segment bodies are cut somewhere
        proxy = FaultyTcpProxy.start(Integer.parseInt(origin.baseUrl().replaceAll(".*:", "")),
                FaultyTcpProxy.Faults.NONE.withCut(0.7).withMinBodyBytes(100_000).withSeed(5));
        origin.publish(3);
        // the media playlist through the proxy: its segment URIs are relative, so they go through it too
        startNode("streamvault.source." + CHANNEL, proxy.url() + "/t/1/media.m3u8",
                "streamvault.downloader.give-up-seconds", "120",
                "streamvault.downloader.poll-interval-seconds", "0.1");
        awaitFull(0, 3);
        origin.publish(3);
        awaitFull(0, SEGMENTS);

        assertThat(proxy.cuts()).as(proxy.summary()).isGreaterThanOrEqualTo(SEGMENTS);
        assertThat(files()).as("cut transfers kept as partial").anyMatch(f -> f.type() == SegmentType.PARTIAL);
        assertThat(files()).noneMatch(f -> f.type() == SegmentType.SUSPECT);
        assertFullFilesAreExactCopies();
        for (int k = 0; k < SEGMENTS; k++) {
            assertThat(files(k).stream().filter(f -> f.type() == SegmentType.FULL)).as("full copies of %d", k)
                    .hasSize(1);
        }
    }
}

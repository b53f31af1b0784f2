package org.streamvault.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.streamvault.segments.SegmentType;
import org.streamvault.testing.FaultyHlsOrigin;

class LiveRecordingTest extends DownloaderTestSupport {

    @Test
    void everySegmentOfALiveStreamIsSavedFullAndByteIdentical() throws Exception {
        origin = FaultyHlsOrigin.start(10);
        origin.publish(3);
        startNode();
        awaitFull(0, 3);
        origin.publish(5); // more than the window moves on between polls? no: 8 < 3 + WINDOW
        awaitFull(0, 8);
        assertFullFilesAreExactCopies();
        assertThat(files()).allMatch(f -> f.type() == SegmentType.FULL);
        for (int k = 0; k < 8; k++) {
            assertThat(origin.requests(k)).as("requests for segment %d", k).isEqualTo(1);
        }
        assertThat(metric("streamvault_downloader_segments_total", "type=\"full\"")).isEqualTo(8);
        assertThat(metric("streamvault_downloader_newest_segment_timestamp_seconds"))
                .isEqualTo(origin.startMicros(8) / 1e6);

        // the restreamer plays back what was recorded
        String playlist = node.get("/playlist/" + CHANNEL + "/" + QUALITY + ".m3u8").body();
        assertThat(playlist.lines().filter(l -> l.startsWith("/segments/"))).hasSize(8);
    }

    @Test
    void repeatedAndReorderedEntriesAreFetchedOnce() throws Exception {
        origin = FaultyHlsOrigin.start(10);
        origin.shuffle(true);
        origin.publish(4);
        startNode();
        awaitFull(0, 4);
        origin.publish(2);
        awaitFull(0, 6);
        for (int k = 0; k < 6; k++) {
            assertThat(origin.requests(k)).as("requests for segment %d", k).isEqualTo(1);
        }
        assertFullFilesAreExactCopies();
    }

    @Test
    void adSegmentsAreSkippedAndCounted() throws Exception {
        origin = FaultyHlsOrigin.start(10);
        origin.ad(2);
        origin.ad(3);
        origin.publish(6);
        startNode();
        awaitFull(4, 6);
        awaitFull(0, 2);
        Thread.sleep(500);
        assertThat(files(2)).isEmpty();
        assertThat(files(3)).isEmpty();
        assertThat(origin.requests(2) + origin.requests(3)).isZero();
        assertThat(metric("streamvault_downloader_ad_segments_skipped_total")).isEqualTo(2);
    }

    @Test
    void endListStopsPollingUntilTheStreamComesBack() throws Exception {
        origin = FaultyHlsOrigin.start(10);
        origin.publish(3);
        origin.endList(true);
        startNode();
        awaitFull(0, 3);
        // a new broadcast: the master playlist answers again with a live playlist
        origin.endList(false);
        origin.expireToken();
        origin.publish(3);
        awaitFull(0, 6);
        assertFullFilesAreExactCopies();
    }

    @Test
    void thePlaylistIsPolledAtTheIntervalWithJitterNotHammered() throws Exception {
        origin = FaultyHlsOrigin.start(10);
        origin.publish(2);
        startNode("streamvault.downloader.poll-interval-seconds", "0.5");
        awaitFull(0, 2);
        long before = origin.playlistRequests();
        Thread.sleep(3000);
        long polls = origin.playlistRequests() - before;
        assertThat(polls).isBetween(4L, 8L); // ~6 at 0.5 s ± 10%
    }

    @Test
    void stoppingMidTransferNeverLeavesAFullFile() throws Exception {
        origin = FaultyHlsOrigin.start(10);
        origin.stall(1, Duration.ofSeconds(20));
        origin.publish(2);
        startNode("streamvault.downloader.body-soft-timeout-seconds", "30",
                "streamvault.downloader.body-hard-timeout-seconds", "40");
        awaitFull(0, 1);
        await(() -> origin.requests(1) == 1 && !files(1).isEmpty(), Duration.ofSeconds(10), () -> "segment 1 started");
        node.close();
        node = null;
        assertThat(files(1)).isNotEmpty().allMatch(f -> f.type() == SegmentType.PARTIAL || f.type() == SegmentType.TEMP);
        assertFullFilesAreExactCopies();
    }
}

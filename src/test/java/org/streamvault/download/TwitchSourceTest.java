package org.streamvault.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.streamvault.segments.SegmentType;
import org.streamvault.testing.FaultyHlsOrigin;

/** A Twitch channel, resolved through a local fake of the playback-token API and usher. */
class TwitchSourceTest extends DownloaderTestSupport {

    private TestNodeArgs twitch() {
        return new TestNodeArgs("streamvault.source." + CHANNEL, "twitch",
                "streamvault.twitch.gql-url", origin.gqlUrl(),
                "streamvault.twitch.usher-url", origin.baseUrl(),
                "streamvault.twitch.client-id", FaultyHlsOrigin.CLIENT_ID);
    }

    @Test
    void aTwitchChannelIsResolvedThroughTheTokenFlowAndRecorded() throws Exception {
        origin = FaultyHlsOrigin.start(10);
        origin.publish(3);
        startNode(twitch().args());
        awaitFull(0, 3);
        assertFullFilesAreExactCopies();
    }

    @Test
    void anExpiredTwitchUrlIsReResolvedWithoutLosingSegments() throws Exception {
        origin = FaultyHlsOrigin.start(20);
        origin.publish(3);
        startNode(twitch().with("streamvault.downloader.max-url-age-seconds", "1.5"));
        awaitFull(0, 3);
        for (int i = 0; i < 4; i++) {
            origin.publish(2);
            if (i % 2 == 0) {
                origin.expireToken();
            }
            Thread.sleep(700);
        }
        awaitFull(0, 11);
        assertThat(files()).allMatch(f -> f.type() == SegmentType.FULL);
        assertFullFilesAreExactCopies();
    }

    @Test
    void anOfflineTwitchChannelIsWaitedFor() throws Exception {
        origin = FaultyHlsOrigin.start(10);
        origin.down(true);
        startNode(twitch().args());
        Thread.sleep(1000);
        assertThat(files()).isEmpty();
        origin.down(false);
        origin.publish(2);
        await(() -> hasFull(0) && hasFull(1), Duration.ofSeconds(20), () -> "recording after the channel went live");
    }

    /** Property pairs for the node. */
    private record TestNodeArgs(String... args) {
        String[] with(String... more) {
            String[] out = java.util.Arrays.copyOf(args, args.length + more.length);
            System.arraycopy(more, 0, out, args.length, more.length);
            return out;
        }
    }
}

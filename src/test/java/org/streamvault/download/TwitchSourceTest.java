package org.streamvault.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.SegmentType;
import org.streamvault.testing.FaultyHlsOrigin;
import org.streamvault.testing.LogCapture;

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

    @TempDir
    Path secrets;

    @Test
    void withoutATokenFileUsherIsAskedForWubloadersCodecsAndGqlCarriesNoAuthorization() throws Exception {
        origin = FaultyHlsOrigin.start(10);
        origin.publish(3);
        startNode(twitch().args());
        awaitFull(0, 3);
        assertThat(origin.usherCodecs()).isNotEmpty().allMatch("av1,h265,h264"::equals);
        assertThat(origin.gqlAuthorizations()).isNotEmpty().allMatch(String::isEmpty);
    }

    @Test
    void theTokenInTheFileGoesOnGqlOnlyAsOAuthAndIsNeverLogged() throws Exception {
        String token = "s3cr3t" + Long.toHexString(System.nanoTime());
        Path file = Files.writeString(secrets.resolve("twitch-token"), "  " + token + "\n");
        origin = FaultyHlsOrigin.start(10);
        origin.requireOAuth(token);
        origin.publish(3);
        try (LogCapture log = LogCapture.start()) {
            startNode(twitch().with("streamvault.twitch.auth-token-file", file.toString()));
            awaitFull(0, 3);
            assertFullFilesAreExactCopies();
            assertThat(origin.gqlAuthorizations()).isNotEmpty().allMatch(("OAuth " + token)::equals);
            assertThat(origin.usherAuthorizations()).isNotEmpty().allMatch(String::isEmpty);
            assertThat(origin.usherCodecs()).isNotEmpty().allMatch("av1,h265,h264"::equals);
            assertThat(log.containing(file.toString())).isNotEmpty();
            assertThat(log.lines()).noneMatch(l -> l.toString().contains(token));
        }
    }

    @Test
    void aRefusedTokenIsReportedInOneLineWithoutTheToken() throws Exception {
        String token = "wr0ng" + Long.toHexString(System.nanoTime());
        Path file = Files.writeString(secrets.resolve("twitch-token"), token);
        origin = FaultyHlsOrigin.start(10);
        origin.requireOAuth("the-right-one");
        origin.publish(3);
        try (LogCapture log = LogCapture.start()) {
            startNode(twitch().with("streamvault.twitch.auth-token-file", file.toString()));
            await(() -> !log.containing("HTTP 401").isEmpty(), Duration.ofSeconds(10), () -> "the 401 to be logged");
            assertThat(log.containing("HTTP 401").getFirst().message()).contains("streamvault.twitch.auth-token-file");
            assertThat(files()).isEmpty();
            assertThat(log.lines()).noneMatch(l -> l.toString().contains(token));
            assertThat(log.withStackTraces()).isEmpty();
        }
    }

    @Test
    void aTokenFileThatIsMissingEmptyOrNotOneTokenIsRefusedWithoutShowingItsContent() throws Exception {
        assertThat(TwitchAuthToken.read("")).isNull();
        assertThat(TwitchAuthToken.read("  ")).isNull();
        Path good = Files.writeString(secrets.resolve("good"), "OAuth abc123\r\n");
        assertThat(TwitchAuthToken.read(good.toString())).isEqualTo("abc123");
        Path empty = Files.writeString(secrets.resolve("empty"), " \n");
        assertThatThrownBy(() -> TwitchAuthToken.read(empty.toString()))
                .hasMessage("streamvault.twitch.auth-token-file: " + empty + " is empty");
        assertThatThrownBy(() -> TwitchAuthToken.read(secrets.resolve("absent").toString()))
                .hasMessageStartingWith("streamvault.twitch.auth-token-file: cannot read");
        Path twoLines = Files.writeString(secrets.resolve("two"), "hidden-part-one\nhidden-part-two\n");
        assertThatThrownBy(() -> TwitchAuthToken.read(twoLines.toString()))
                .hasMessageContaining("alone on one line").hasMessageNotContaining("hidden-part");
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

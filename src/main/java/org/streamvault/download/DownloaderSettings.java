package org.streamvault.download;

import java.time.Duration;

/**
 * The downloader's thresholds (SPEC §3), all from configuration; tests shrink them to seconds.
 *
 * @param suspectAfter     a complete fetch that took longer than this is {@code suspect}
 * @param giveUpAfter      a segment URI is retried until it has a full copy or this passes
 * @param headSoft         no response head after this: start a parallel retry
 * @param headHard         no response head after this: abort the attempt
 * @param bodySoft         body not finished after this (from the request start): parallel retry
 * @param bodyHard         body not finished after this: abort (bytes so far become {@code partial})
 * @param pollInterval     media playlist poll period (each wait is jittered by ±10%)
 * @param maxUrlAge        a media playlist URL older than this is replaced by re-resolving
 * @param retryDown        wait before re-resolving a plain HLS stream that is down (offline, 404);
 *                         short enough that a stream going live is seen while its first segment
 *                         is still in the origin's window (10 s on Twitch and most origins)
 * @param retryDownImportant the same for streams marked important ({@code !}): shorter still
 * @param twitchRetryDown  the same for Twitch channels, whose playback-token API is rate limited
 * @param twitchRetryDownImportant the same for important Twitch channels
 * @param concurrency      segment fetches in flight per stream
 * @param maxPlaylistBytes a playlist body larger than this is rejected
 * @param offlineAfter     a live stream whose playlists list no real segment for this long is
 *                         offline (the {@code stream-offline} event)
 */
public record DownloaderSettings(
        Duration suspectAfter,
        Duration giveUpAfter,
        Duration headSoft,
        Duration headHard,
        Duration bodySoft,
        Duration bodyHard,
        Duration pollInterval,
        Duration maxUrlAge,
        Duration retryDown,
        Duration retryDownImportant,
        Duration twitchRetryDown,
        Duration twitchRetryDownImportant,
        int concurrency,
        int maxPlaylistBytes,
        Duration offlineAfter) {

    /** The SPEC defaults. */
    public static DownloaderSettings defaults() {
        return new DownloaderSettings(Duration.ofSeconds(59), Duration.ofMinutes(20), Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(120), Duration.ofSeconds(2),
                Duration.ofMinutes(30), Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofSeconds(2), 8, 4 * 1024 * 1024, Duration.ofMinutes(1));
    }
}

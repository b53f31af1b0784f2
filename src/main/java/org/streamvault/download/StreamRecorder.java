package org.streamvault.download;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamvault.events.EventType;
import org.streamvault.events.NodeEvent;
import org.streamvault.hls.MediaPlaylist;
import org.streamvault.hls.MediaPlaylistParser;
import org.streamvault.hls.MediaSegment;
import org.streamvault.hls.PlaylistException;
import org.streamvault.segments.RateLimitedLog;
import org.streamvault.segments.SegmentName;
import org.streamvault.segments.SegmentType;
import org.streamvault.segments.Timestamps;

/**
 * Records one (channel, quality): resolves the media playlist URL, polls it with jitter, and
 * starts one {@link SegmentFetcher} per new segment URI.
 *
 * <p>URL lifecycle: a URL that fails, times out, answers 403/404, ends ({@code #EXT-X-ENDLIST}),
 * shows skewed timestamps, or is older than the maximum age gets a successor by resolving the
 * source again. The old URL keeps being polled (unless it cannot be) until the successor has
 * seen its first non-ad segment, so nothing published in between is missed. Resolution failures
 * wait {@code retryDown} (per source kind, shorter for important streams: see {@link DownloaderSettings}).
 *
 * <p>{@link #tick} is driven by the downloader route's timer and is not re-entrant: Camel's
 * timer calls it from one thread. Fetchers run on their own (virtual) threads.
 */
public final class StreamRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(StreamRecorder.class);
    /** A program-date-time that disagrees with the previous segment's end by more than this is skew. */
    static final long SKEW_TOLERANCE_MICROS = 10_000;

    private final String channel;
    private final String quality;
    private final long retryDownNanos;
    private final boolean skewCheck;
    private final StreamSource source;
    private final StreamContext ctx;
    private final PlaylistFetcher playlists;
    private final List<PlaylistWorker> workers = new ArrayList<>();
    private final SeenUris seen = new SeenUris();
    private final SeenUris seenAds = new SeenUris();
    private final RateLimitedLog errorLog = new RateLimitedLog(10_000);
    private long nextResolveNanos = System.nanoTime();
    private volatile long lastLiveNanos = System.nanoTime() - Long.MAX_VALUE / 2;
    /** What the last stream-live or stream-offline event said; only the tick thread uses it. */
    private boolean announcedLive;

    StreamRecorder(String channel, String quality, java.time.Duration retryDown, boolean skewCheck, StreamSource source,
            StreamContext ctx, PlaylistFetcher playlists) {
        this.channel = channel;
        this.quality = quality;
        this.retryDownNanos = retryDown.toNanos();
        this.skewCheck = skewCheck;
        this.source = source;
        this.ctx = ctx;
        this.playlists = playlists;
    }

    public String channel() {
        return channel;
    }

    public String quality() {
        return quality;
    }

    public DownloaderMetrics metrics() {
        return ctx.metrics;
    }

    /** Does whatever is due now: resolve a URL, poll playlists, start fetchers. */
    public void tick() {
        if (ctx.stopped.get()) {
            return;
        }
        long now = System.nanoTime();
        PlaylistWorker newest = workers.isEmpty() ? null : workers.get(workers.size() - 1);
        if (newest != null && newest.retiring == null
                && now - newest.createdNanos > ctx.settings.maxUrlAge().toNanos()) {
            newest.retire("URL older than " + ctx.settings.maxUrlAge());
        }
        if ((newest == null || newest.needsSuccessor()) && now - nextResolveNanos >= 0) {
            resolve(now, newest);
        }
        for (PlaylistWorker w : List.copyOf(workers)) {
            if (w.dead == null && now - w.nextPollNanos >= 0) {
                poll(w);
                w.nextPollNanos = System.nanoTime() + jittered(ctx.settings.pollInterval().toNanos());
            }
        }
        dropReplacedWorkers();
        announceLiveness();
    }

    /** Publishes stream-live when a playlist lists real segments again, stream-offline when it stops. */
    private void announceLiveness() {
        boolean live = live(ctx.settings.offlineAfter().toNanos());
        if (live != announcedLive) {
            announcedLive = live;
            ctx.events.publish(NodeEvent.of(live ? EventType.STREAM_LIVE : EventType.STREAM_OFFLINE,
                    "channel", channel, "quality", quality));
            LOG.info("{}: stream {}", ctx.name, live ? "live" : "offline");
        }
    }

    private void resolve(long now, PlaylistWorker previous) {
        try {
            URI url = source.resolve(quality);
            workers.add(new PlaylistWorker(url, System.nanoTime()));
            // re-resolving to the same URL after a failure is routine; say so only when it changes
            boolean same = previous != null && previous.url.equals(url);
            (same ? LOG.atDebug() : LOG.atInfo()).log("{}: polling {}{}", ctx.name, url,
                    previous == null ? "" : " (replacing the previous URL: " + reasonOf(previous) + ")");
        } catch (StreamSource.StreamOfflineException e) {
            errorLog.log(LOG::info, ctx.name + ": stream offline: " + e.getMessage());
        } catch (IOException | PlaylistException | RuntimeException e) {
            ctx.metrics.error("playlist");
            errorLog.log(LOG::warn, ctx.name + ": cannot resolve the playlist URL: " + message(e));
        }
        nextResolveNanos = now + jittered(retryDownNanos);
    }

    private void poll(PlaylistWorker w) {
        MediaPlaylist playlist;
        try {
            PlaylistFetcher.Answer answer = playlists.get(w.url);
            if (answer.status() == 403 || answer.status() == 404) {
                w.dead = "answered " + answer.status();
                LOG.info("{}: {} answered {}; resolving again", ctx.name, w.url, answer.status());
                return;
            }
            if (answer.status() != 200) {
                throw new IOException("answered HTTP " + answer.status());
            }
            playlist = MediaPlaylistParser.parse(answer.text(), w.url);
        } catch (IOException | PlaylistException | RuntimeException e) {
            ctx.metrics.error("playlist");
            w.retire("failed: " + message(e));
            errorLog.log(LOG::error, ctx.name + ": bad media playlist from " + w.url + ": " + message(e));
            return;
        }
        seen.playlistLength(playlist.segments().size());
        for (MediaSegment s : playlist.segments()) {
            if (s.ad()) {
                if (seenAds.add(s.uri())) {
                    ctx.metrics.adSkipped();
                }
                continue;
            }
            w.sawNonAd = true;
            lastLiveNanos = System.nanoTime();
            if (!seen.add(s.uri())) {
                continue;
            }
            if (skewCheck && !w.skewed && Math.abs(s.skewMicros()) > SKEW_TOLERANCE_MICROS) {
                w.skewed = true;
                w.retire("timestamps skewed by " + s.skewMicros() / 1000 + " ms");
                LOG.warn("{}: {} starts {} ms off its predecessor's end; marking later segments suspect, reconnecting",
                        ctx.name, s.uri(), s.skewMicros() / 1000);
            }
            if (!hasFullCopy(s)) {
                ctx.threads.execute(new SegmentFetcher(ctx, s, w.skewed));
            }
        }
        if (playlist.endList()) {
            w.dead = "stream ended (#EXT-X-ENDLIST)";
            LOG.info("{}: {} ended; watching for the stream to come back", ctx.name, w.url);
        }
    }

    /** Drops every worker older than the newest one that has seen a real segment, and dead non-newest ones. */
    private void dropReplacedWorkers() {
        for (int i = workers.size() - 1; i >= 0; i--) {
            PlaylistWorker w = workers.get(i);
            if (w.sawNonAd && w.dead == null) {
                workers.subList(0, i).clear();
                break;
            }
        }
        for (int i = workers.size() - 2; i >= 0; i--) {
            PlaylistWorker w = workers.get(i);
            // dead ones cannot be polled; failed ones that never gave a segment never will
            if (w.dead != null || (!w.sawNonAd && w.retiring != null)) {
                workers.remove(i);
            }
        }
    }

    /** True when the store already has a full segment with this start and duration. */
    private boolean hasFullCopy(MediaSegment s) {
        Path dir = ctx.qualityDir.resolve(Timestamps.formatHour(s.startMicros()));
        if (!Files.isDirectory(dir)) {
            return false;
        }
        String prefix = SegmentName.format(Math.floorMod(s.startMicros(), Timestamps.MICROS_PER_HOUR),
                s.durationText(), SegmentType.FULL, "");
        prefix = prefix.substring(0, prefix.length() - SegmentName.EXTENSION.length());
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                if (f.getFileName().toString().startsWith(prefix)) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    void stop() {
        ctx.stop();
    }

    /** True when a playlist listed a real (non-ad) segment within {@code withinNanos}: the stream is live. */
    public boolean live(long withinNanos) {
        return System.nanoTime() - lastLiveNanos < withinNanos;
    }

    private static String reasonOf(PlaylistWorker w) {
        return w.dead != null ? w.dead : w.retiring;
    }

    private static long jittered(long nanos) {
        return (long) (nanos * ThreadLocalRandom.current().nextDouble(0.9, 1.1));
    }

    static String message(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}

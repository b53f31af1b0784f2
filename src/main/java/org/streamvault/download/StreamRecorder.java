package org.streamvault.download;

import java.io.IOException;
import java.net.URI;
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

/**
 * Records one (channel, quality): resolves the media playlist URL, polls it at the playlist's
 * own rhythm, and hands out one {@link SegmentFetcher} per new segment URI.
 *
 * <p>URL lifecycle: a URL that fails, times out, answers 403/404, ends ({@code #EXT-X-ENDLIST}),
 * shows skewed timestamps, or is older than the maximum age gets a successor by resolving the
 * source again. The old URL keeps being polled (unless it cannot be) until the successor has
 * seen its first non-ad segment, so nothing published in between is missed. Resolution failures
 * wait {@code retryDown} (per source kind, shorter for important streams: see {@link DownloaderSettings}).
 *
 * <p>One poll cycle is {@link #resolveDue} (then {@link #resolve} if so), {@link #fetchDuePlaylists},
 * {@link #newSegments}, then a wait of {@link #millisUntilDue}; the downloader's poll route runs
 * the cycles one after another (never two at once). Fetchers run wherever their caller runs them.
 */
public final class StreamRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(StreamRecorder.class);
    /** A program-date-time that disagrees with the previous segment's end by more than this is skew. */
    static final long SKEW_TOLERANCE_MICROS = 10_000;
    /** Never poll faster than this (unless the configured interval is shorter): a tiny target duration is a bad hint. */
    private static final long MIN_POLL_NANOS = 250_000_000L;

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
    /** What the last stream-live or stream-offline event said. */
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

    /** True once the downloader stopped: cycles do nothing any more. */
    public boolean stopped() {
        return ctx.stopped.get();
    }

    /**
     * True when the playlist URL is to be resolved now: there is none yet, or the newest is
     * failing, skewed, ended, expired or older than the maximum age, and the retry wait is over.
     */
    public synchronized boolean resolveDue() {
        if (stopped()) {
            return false;
        }
        long now = System.nanoTime();
        PlaylistWorker newest = newest();
        if (newest != null && newest.retiring == null
                && now - newest.createdNanos > ctx.settings.maxUrlAge().toNanos()) {
            newest.retire("URL older than " + ctx.settings.maxUrlAge());
        }
        return (newest == null || newest.needsSuccessor()) && now - nextResolveNanos >= 0;
    }

    /** Asks the source for the current media playlist URL and starts polling it (at once). */
    public synchronized void resolve() {
        if (stopped()) {
            return;
        }
        PlaylistWorker previous = newest();
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
        nextResolveNanos = System.nanoTime() + jittered(retryDownNanos);
    }

    /** Fetches the text of every playlist URL due for a poll (usually one; two while a URL is replaced). */
    public synchronized PlaylistPoll fetchDuePlaylists() {
        List<PlaylistPoll.Fetched> out = new ArrayList<>(2);
        if (stopped()) {
            return new PlaylistPoll(out);
        }
        long now = System.nanoTime();
        for (PlaylistWorker w : workers) {
            if (w.dead != null || now - w.nextPollNanos < 0) {
                continue;
            }
            try {
                PlaylistFetcher.Answer answer = playlists.get(w.url);
                out.add(new PlaylistPoll.Fetched(w, answer.status(), answer.text(), null));
            } catch (IOException | PlaylistException | RuntimeException e) {
                out.add(new PlaylistPoll.Fetched(w, 0, null, e));
            }
        }
        return new PlaylistPoll(out);
    }

    /**
     * Parses what {@link #fetchDuePlaylists} fetched: one fetcher for each segment URI not seen
     * before (ads counted and skipped; segments with a full copy in the store skipped), in
     * playlist order. Also retires or buries failing URLs, drops replaced ones, sets each
     * polled URL's next poll, and announces the stream live or offline.
     */
    public synchronized List<SegmentFetcher> newSegments(PlaylistPoll poll) {
        List<SegmentFetcher> fetchers = new ArrayList<>();
        if (stopped()) {
            return fetchers;
        }
        for (PlaylistPoll.Fetched f : poll.fetched()) {
            f.worker().nextPollNanos = System.nanoTime() + jittered(parse(f, fetchers));
        }
        dropReplacedWorkers();
        announceLiveness();
        return fetchers;
    }

    /** Milliseconds until the next poll or resolution is due (0 if one is due now). */
    public synchronized long millisUntilDue() {
        long now = System.nanoTime();
        long due = now + ctx.settings.pollInterval().toNanos();
        boolean any = false;
        for (PlaylistWorker w : workers) {
            if (w.dead == null) {
                due = any ? Math.min(due, w.nextPollNanos) : w.nextPollNanos;
                any = true;
            }
        }
        PlaylistWorker newest = newest();
        if (newest == null || newest.needsSuccessor()) {
            due = any ? Math.min(due, nextResolveNanos) : nextResolveNanos;
        }
        return Math.max(0, (due - now) / 1_000_000);
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

    /**
     * Parses one fetched playlist into {@code fetchers}; returns the wait before polling it
     * again: as RFC 8216 §6.3.4 says (the target duration after a changed playlist, half of it
     * after an unchanged one), but never longer than the configured poll interval.
     */
    private long parse(PlaylistPoll.Fetched f, List<SegmentFetcher> fetchers) {
        PlaylistWorker w = f.worker();
        long interval = ctx.settings.pollInterval().toNanos();
        MediaPlaylist playlist;
        try {
            if (f.failure() != null) {
                throw f.failure();
            }
            if (f.status() == 403 || f.status() == 404) {
                w.dead = "answered " + f.status();
                LOG.info("{}: {} answered {}; resolving again", ctx.name, w.url, f.status());
                return interval;
            }
            if (f.status() != 200) {
                throw new IOException("answered HTTP " + f.status());
            }
            if (f.text().equals(w.lastText)) {
                // the same text as the last poll (half the polls): nothing new to parse or fetch
                if (w.lastListedNonAd) {
                    lastLiveNanos = System.nanoTime();
                }
                return reloadWait(w.targetNanos, false, interval);
            }
            playlist = MediaPlaylistParser.parse(f.text(), w.url);
        } catch (Exception e) {
            ctx.metrics.error("playlist");
            w.retire("failed: " + message(e));
            errorLog.log(LOG::error, ctx.name + ": bad media playlist from " + w.url + ": " + message(e));
            return interval;
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
                fetchers.add(new SegmentFetcher(ctx, s, w.skewed));
            }
        }
        w.lastText = f.text();
        w.lastListedNonAd = playlist.segments().stream().anyMatch(seg -> !seg.ad());
        if (playlist.endList()) {
            w.dead = "stream ended (#EXT-X-ENDLIST)";
            LOG.info("{}: {} ended; watching for the stream to come back", ctx.name, w.url);
        }
        return reloadInterval(w, playlist, interval);
    }

    /** The playlist's own reload interval (RFC 8216 §6.3.4), at most {@code interval}. */
    private static long reloadInterval(PlaylistWorker w, MediaPlaylist playlist, long interval) {
        List<MediaSegment> segments = playlist.segments();
        URI last = segments.isEmpty() ? null : segments.get(segments.size() - 1).uri();
        boolean changed = last != null && !last.equals(w.lastUri);
        w.lastUri = last;
        long target = playlist.targetDurationMicros() * 1000;
        if (target <= 0) {
            // no usable #EXT-X-TARGETDURATION: the longest segment is the next best hint
            for (MediaSegment s : segments) {
                target = Math.max(target, s.durationMicros() * 1000);
            }
        }
        w.targetNanos = target;
        return reloadWait(target, changed, interval);
    }

    /** The target duration after a changed playlist, half of it after an unchanged one; at most {@code interval}. */
    private static long reloadWait(long target, boolean changed, long interval) {
        if (target <= 0) {
            return interval;
        }
        long wait = changed ? target : target / 2;
        return Math.min(interval, Math.max(wait, Math.min(interval, MIN_POLL_NANOS)));
    }

    private PlaylistWorker newest() {
        return workers.isEmpty() ? null : workers.get(workers.size() - 1);
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
        return ctx.fullCopies.has(s.startMicros(), s.durationText());
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

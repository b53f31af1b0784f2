package org.streamvault.download;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every fetcher of one stream shares: where to write, the HTTP client, timers, the stop
 * switch, and the attempts in flight (so stopping can abort them). The cap on fetches in flight
 * is the caller's: the downloader route's fetch thread pool.
 */
final class StreamContext {
    final String name;
    final String channel;
    final String quality;
    final org.streamvault.events.NodeEvents events;
    final Path qualityDir;
    final OriginClient client;
    final ScheduledExecutorService timers;
    final ExecutorService threads;
    final DownloaderSettings settings;
    final DownloaderMetrics metrics;
    final AtomicBoolean stopped = new AtomicBoolean();
    final Set<SegmentFetcher.Attempt> inFlight = ConcurrentHashMap.newKeySet();
    final InitSections initSections;
    final FullCopies fullCopies;

    StreamContext(String name, String channel, String quality, Path qualityDir, OriginClient client,
            ScheduledExecutorService timers, ExecutorService threads, DownloaderSettings settings,
            DownloaderMetrics metrics, org.streamvault.events.NodeEvents events) {
        this.name = name;
        this.channel = channel;
        this.quality = quality;
        this.events = events;
        this.qualityDir = qualityDir;
        this.client = client;
        this.timers = timers;
        this.threads = threads;
        this.settings = settings;
        this.metrics = metrics;
        this.initSections = new InitSections(client, settings.maxPlaylistBytes());
        this.fullCopies = new FullCopies(qualityDir);
    }

    private final java.util.concurrent.CountDownLatch stopSignal = new java.util.concurrent.CountDownLatch(1);

    /** Sleeps {@code millis} unless the stream stops first; returns false if it stopped. */
    boolean pause(long millis) throws InterruptedException {
        return !stopSignal.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS) && !stopped.get();
    }

    /** Stops for good: no new attempts; those in flight are aborted and end as partial or nothing. */
    void stop() {
        stopped.set(true);
        stopSignal.countDown();
        for (SegmentFetcher.Attempt a : inFlight) {
            a.abort("node stopping");
        }
    }
}

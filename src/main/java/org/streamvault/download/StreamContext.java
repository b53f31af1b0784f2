package org.streamvault.download;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every fetcher of one stream shares: where to write, the HTTP client, timers, the
 * concurrency cap, the stop switch, and the attempts in flight (so stopping can abort them).
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
    final Semaphore fetchSlots;
    final AtomicBoolean stopped = new AtomicBoolean();
    final Set<SegmentFetcher.Attempt> inFlight = ConcurrentHashMap.newKeySet();
    final InitSections initSections;

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
        this.fetchSlots = new Semaphore(settings.concurrency(), true);
        this.initSections = new InitSections(client, settings.maxPlaylistBytes());
    }

    private final java.util.concurrent.CountDownLatch stopSignal = new java.util.concurrent.CountDownLatch(1);

    /** Sleeps {@code millis} unless the stream stops first; returns false if it stopped. */
    boolean pause(long millis) throws InterruptedException {
        return !stopSignal.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS) && !stopped.get();
    }

    /** Takes a fetch slot, giving up when the stream stops; true if a slot was taken. */
    boolean acquireSlot() throws InterruptedException {
        while (!fetchSlots.tryAcquire(200, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            if (stopped.get()) {
                return false;
            }
        }
        return true;
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

package org.streamvault.download;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamvault.events.NodeEvents;

/**
 * All recorded streams of a node, sharing one HTTP client, one watchdog timer thread and
 * virtual threads for parallel fetch attempts. Pure Java: the downloader's Camel routes run each
 * {@link StreamRecorder}'s poll cycles and its {@link SegmentFetcher}s (see docs/ARCHITECTURE.md).
 */
public final class Downloader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Downloader.class);

    private final Path baseDir;
    private final DownloaderSettings settings;
    private final Supplier<MeterRegistry> registry;
    private final OriginClient client;
    private final ScheduledThreadPoolExecutor timers;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final PlaylistFetcher playlists;
    private final Map<String, StreamRecorder> streams = new LinkedHashMap<>();
    private final long createdNanos = System.nanoTime();
    private final NodeEvents events;
    private final java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();

    public Downloader(Path baseDir, DownloaderSettings settings, Supplier<MeterRegistry> registry) {
        this(baseDir, settings, registry, NodeEvents.NONE);
    }

    /** @param events told of every segment saved and of streams going live or offline */
    public Downloader(Path baseDir, DownloaderSettings settings, Supplier<MeterRegistry> registry, NodeEvents events) {
        this.events = events;
        this.baseDir = baseDir;
        this.settings = settings;
        this.registry = registry;
        this.client = new OriginClient(settings.headHard(), settings.bodyHard(), 256);
        this.timers = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("downloader-watchdog").daemon()
                .factory());
        this.timers.setRemoveOnCancelPolicy(true);
        this.playlists = new PlaylistFetcher(client, timers, settings.maxPlaylistBytes(), settings.headHard());
    }

    /** A stream from a plain HLS URL (master or media playlist). */
    public synchronized StreamRecorder addHls(String channel, String quality, boolean important, boolean skewCheck,
            URI url, String firstQuality) {
        return add(channel, quality, skewCheck, new HlsSource(playlists, url, firstQuality),
                important ? settings.retryDownImportant() : settings.retryDown());
    }

    /**
     * A Twitch channel through the playback-token API at {@code gqlUrl} and usher at
     * {@code usherBase}; {@code authToken} is a Twitch account's OAuth token, or {@code null}.
     */
    public synchronized StreamRecorder addTwitch(String channel, String quality, boolean important, boolean skewCheck,
            URI gqlUrl, URI usherBase, String clientId, String authToken, String firstQuality) {
        return add(channel, quality, skewCheck, new TwitchSource(client, playlists, gqlUrl, usherBase,
                clientId, channel, firstQuality, settings.maxPlaylistBytes(), authToken),
                important ? settings.twitchRetryDownImportant() : settings.twitchRetryDown());
    }

    private StreamRecorder add(String channel, String quality, boolean skewCheck, StreamSource source,
            java.time.Duration retryDown) {
        String name = channel + "/" + quality;
        if (streams.containsKey(name)) {
            throw new IllegalArgumentException("stream " + name + " is configured twice");
        }
        StreamContext ctx = new StreamContext(name, channel, quality, baseDir.resolve(channel).resolve(quality), client,
                timers, threads, settings, new DownloaderMetrics(registry, channel, quality), events);
        StreamRecorder recorder = new StreamRecorder(channel, quality, retryDown, skewCheck, source, ctx, playlists);
        streams.put(name, recorder);
        return recorder;
    }

    /** The recorder of {@code channel/quality}; unknown streams are a configuration error. */
    public synchronized StreamRecorder stream(String channel, String quality) {
        StreamRecorder r = streams.get(channel + "/" + quality);
        if (r == null) {
            throw new IllegalArgumentException("no recorder for " + channel + "/" + quality);
        }
        return r;
    }

    /** How long this downloader has existed (a stream cannot be late before it could start). */
    public Duration uptime() {
        return Duration.ofNanos(System.nanoTime() - createdNanos);
    }

    public synchronized Collection<StreamRecorder> streams() {
        return List.copyOf(streams.values());
    }

    /**
     * Stops every stream: in-flight transfers are aborted and end as partial (or nothing), never
     * full. Waits up to {@code grace} for fetchers to finish renaming.
     */
    public void stop(Duration grace) {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        for (StreamRecorder r : streams()) {
            r.stop();
        }
        threads.shutdown();
        try {
            if (!threads.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("downloader: fetches still running after {}; their temp files stay as temp", grace);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timers.shutdownNow();
        try {
            client.close();
        } catch (java.io.IOException e) {
            // closing sockets of a stopping node
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }
}

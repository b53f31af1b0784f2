package org.streamvault.playlists;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamvault.db.DatabaseException;
import org.streamvault.db.DatabaseUnavailableException;
import org.streamvault.segments.FailureLog;

/**
 * wubloader's playlist_manager: each pass makes every playlist that names a YouTube playlist hold
 * exactly {@link PlaylistContents} in order, with {@link PlaylistPlan}'s fewest calls. A playlist
 * it cannot read (gone, not ours) is skipped and reported, the others go on; a quota answer stops
 * the pass and no call is made until {@code quotaBackoffMillis} have passed.
 */
public final class PlaylistManager {
    private static final Logger LOG = LoggerFactory.getLogger(PlaylistManager.class);
    private static final FailureLog FAILURES = new FailureLog(LOG, 60_000);

    private final PlaylistStore store;
    private final PlaylistApi api;
    private final MeterRegistry registry;
    private final long quotaBackoffMillis;
    private final LongSupplier clockMillis;
    private long quietUntil = Long.MIN_VALUE;

    public PlaylistManager(PlaylistStore store, PlaylistApi api, MeterRegistry registry, long quotaBackoffMillis,
            LongSupplier clockMillis) {
        this.store = store;
        this.api = api;
        this.registry = registry;
        this.quotaBackoffMillis = quotaBackoffMillis;
        this.clockMillis = clockMillis;
    }

    /** One pass over every playlist; never throws. */
    public synchronized void runPass() {
        if (clockMillis.getAsLong() < quietUntil) {
            return;
        }
        List<PlaylistStore.Playlist> playlists;
        List<PlaylistStore.Video> videos;
        try {
            playlists = store.playlists();
            videos = store.videos();
        } catch (DatabaseUnavailableException | DatabaseException e) {
            FAILURES.expected("playlists: " + e.getMessage());
            outcome("database");
            return;
        }
        for (PlaylistStore.Playlist playlist : playlists) {
            try {
                converge(playlist, PlaylistContents.of(playlist, videos));
                outcome("ok");
            } catch (PlaylistApiException e) {
                outcome(e.kind().name().toLowerCase(java.util.Locale.ROOT));
                if (e.kind() == PlaylistApiException.Kind.QUOTA) {
                    // once per pause, so never rate-limited away
                    LOG.warn("playlists: {}; no playlist calls for {} s", e.getMessage(), quotaBackoffMillis / 1000);
                    quietUntil = clockMillis.getAsLong() + quotaBackoffMillis;
                    return;
                }
                FAILURES.expected("playlist '" + playlist.name() + "' (" + playlist.playlistId() + ") skipped: "
                        + e.getMessage());
            }
        }
    }

    private void converge(PlaylistStore.Playlist playlist, List<String> wanted) throws PlaylistApiException {
        List<PlaylistPlan.Op> ops = PlaylistPlan.between(api.items(playlist.playlistId()), wanted);
        for (PlaylistPlan.Op op : ops) {
            switch (op) {
                case PlaylistPlan.Delete d -> api.delete(d.itemId());
                case PlaylistPlan.Move m -> api.move(playlist.playlistId(), m.itemId(), m.videoId(), m.position());
                case PlaylistPlan.Insert in -> api.insert(playlist.playlistId(), in.videoId(), in.position());
            }
        }
        if (!ops.isEmpty()) {
            LOG.info("playlist '{}' ({}): {} change(s), now {} video(s)", playlist.name(), playlist.playlistId(),
                    ops.size(), wanted.size());
        }
    }

    private void outcome(String outcome) {
        Counter.builder("streamvault_playlists_checks").description("Playlists checked, by outcome"
                + " (ok, quota, unreadable, other, database)").tag("outcome", outcome).register(registry).increment();
    }
}

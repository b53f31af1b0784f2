package org.streamvault.download;

import java.util.List;

/**
 * The playlists one poll cycle fetched, on their way from {@link StreamRecorder#fetchDuePlaylists}
 * to {@link StreamRecorder#newSegments} (the poll route carries it between the two steps).
 */
public final class PlaylistPoll {
    private final List<Fetched> fetched;

    PlaylistPoll(List<Fetched> fetched) {
        this.fetched = List.copyOf(fetched);
    }

    List<Fetched> fetched() {
        return fetched;
    }

    /** How many playlists were fetched. */
    public int size() {
        return fetched.size();
    }

    /** One URL's answer: its status and text, or the failure that kept it from being read. */
    record Fetched(PlaylistWorker worker, int status, String text, Exception failure) {
    }
}

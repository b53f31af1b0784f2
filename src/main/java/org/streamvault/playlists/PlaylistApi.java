package org.streamvault.playlists;

import java.util.List;

/** The playlist calls the manager makes ({@code playlistItems} of the YouTube Data API). */
public interface PlaylistApi {
    /** The playlist's items in order. */
    List<PlaylistPlan.Item> items(String playlistId) throws PlaylistApiException;

    void insert(String playlistId, String videoId, int position) throws PlaylistApiException;

    void move(String playlistId, String itemId, String videoId, int position) throws PlaylistApiException;

    void delete(String itemId) throws PlaylistApiException;
}

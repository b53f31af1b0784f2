package org.streamvault.playlists;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.youtube.YouTube;
import com.google.api.services.youtube.model.PlaylistItem;
import com.google.api.services.youtube.model.PlaylistItemListResponse;
import com.google.api.services.youtube.model.PlaylistItemSnippet;
import com.google.api.services.youtube.model.ResourceId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@link PlaylistApi} through Google's YouTube Data API v3 client. Each call costs quota
 * (list 1 unit per page of 50, insert/update/delete 50 units of the default 10,000 a day), which
 * is why the manager plans the fewest. Quota answers (403 {@code quotaExceeded},
 * {@code rateLimitExceeded}, 429) become {@link PlaylistApiException.Kind#QUOTA}; a playlist that
 * is not there or not ours (404, 403) {@link PlaylistApiException.Kind#UNREADABLE}.
 */
public final class YouTubePlaylistApi implements PlaylistApi {
    private static final Set<String> QUOTA_REASONS = Set.of("quotaExceeded", "rateLimitExceeded",
            "userRateLimitExceeded", "dailyLimitExceeded");

    private final YouTube client;
    private final Consumer<String> calls;

    /** @param calls told the method name ({@code list}, {@code insert}, {@code update}, {@code delete}) of each call */
    public YouTubePlaylistApi(YouTube client, Consumer<String> calls) {
        this.client = client;
        this.calls = calls;
    }

    @Override
    public List<PlaylistPlan.Item> items(String playlistId) throws PlaylistApiException {
        List<PlaylistPlan.Item> out = new ArrayList<>();
        String page = null;
        do {
            String token = page;
            PlaylistItemListResponse response = call("list", "read playlist " + playlistId, () -> client.playlistItems()
                    .list(List.of("snippet")).setPlaylistId(playlistId).setMaxResults(50L).setPageToken(token).execute());
            for (PlaylistItem item : response.getItems() == null ? List.<PlaylistItem>of() : response.getItems()) {
                out.add(new PlaylistPlan.Item(item.getId(), item.getSnippet().getResourceId().getVideoId()));
            }
            page = response.getNextPageToken();
        } while (page != null && !page.isEmpty());
        return out;
    }

    @Override
    public void insert(String playlistId, String videoId, int position) throws PlaylistApiException {
        PlaylistItem item = new PlaylistItem().setSnippet(snippet(playlistId, videoId, position));
        call("insert", "add " + videoId + " to playlist " + playlistId,
                () -> client.playlistItems().insert(List.of("snippet"), item).execute());
    }

    @Override
    public void move(String playlistId, String itemId, String videoId, int position) throws PlaylistApiException {
        PlaylistItem item = new PlaylistItem().setId(itemId).setSnippet(snippet(playlistId, videoId, position));
        call("update", "move " + videoId + " in playlist " + playlistId,
                () -> client.playlistItems().update(List.of("snippet"), item).execute());
    }

    @Override
    public void delete(String itemId) throws PlaylistApiException {
        call("delete", "remove playlist item " + itemId, () -> {
            client.playlistItems().delete(itemId).execute();
            return null;
        });
    }

    private static PlaylistItemSnippet snippet(String playlistId, String videoId, int position) {
        return new PlaylistItemSnippet().setPlaylistId(playlistId).setPosition((long) position)
                .setResourceId(new ResourceId().setKind("youtube#video").setVideoId(videoId));
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws IOException;
    }

    private <T> T call(String method, String what, Call<T> call) throws PlaylistApiException {
        calls.accept(method);
        try {
            return call.run();
        } catch (GoogleJsonResponseException e) {
            GoogleJsonError details = e.getDetails();
            String reason = details == null || details.getErrors() == null || details.getErrors().isEmpty() ? ""
                    : details.getErrors().getFirst().getReason();
            String line = "YouTube refused to " + what + ": " + e.getStatusCode() + " " + reason;
            if (e.getStatusCode() == 429 || QUOTA_REASONS.contains(reason)) {
                throw new PlaylistApiException(PlaylistApiException.Kind.QUOTA, line, e);
            }
            if (e.getStatusCode() == 404 || e.getStatusCode() == 403) {
                throw new PlaylistApiException(PlaylistApiException.Kind.UNREADABLE, line, e);
            }
            throw new PlaylistApiException(PlaylistApiException.Kind.OTHER, line, e);
        } catch (IOException e) {
            throw new PlaylistApiException(PlaylistApiException.Kind.OTHER, "YouTube could not " + what + ": " + e, e);
        }
    }
}

package org.streamvault.playlists;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which videos a playlist must hold, in order: every published event whose tags include all of
 * the playlist's tags (compared without case, as operators type them), in event order, with the
 * playlist's first and last events (when published) pinned at the two ends. A playlist without
 * tags holds only its pinned events.
 */
public final class PlaylistContents {
    private PlaylistContents() {
    }

    /** @param videos published events in event order */
    public static List<String> of(PlaylistStore.Playlist playlist, List<PlaylistStore.Video> videos) {
        LinkedHashSet<String> middle = new LinkedHashSet<>();
        for (PlaylistStore.Video v : videos) {
            if (tagsMatch(playlist.tags(), v.tags())) {
                middle.add(v.videoId());
            }
        }
        Optional<String> first = video(playlist.firstEventId(), videos);
        Optional<String> last = video(playlist.lastEventId(), videos);
        first.ifPresent(middle::remove);
        last.ifPresent(middle::remove);
        List<String> out = new ArrayList<>();
        first.ifPresent(out::add);
        out.addAll(middle);
        last.filter(l -> !out.contains(l)).ifPresent(out::add);
        return out;
    }

    /**
     * Whether an event with {@code eventTags} belongs in a playlist with {@code playlistTags}: it
     * has all of them, compared without case; a playlist without tags matches no event by tags.
     */
    public static boolean tagsMatch(List<String> playlistTags, List<String> eventTags) {
        Set<String> needed = lower(playlistTags);
        return !needed.isEmpty() && lower(eventTags).containsAll(needed);
    }

    private static Optional<String> video(String eventId, List<PlaylistStore.Video> videos) {
        return eventId == null ? Optional.empty()
                : videos.stream().filter(v -> v.eventId().equals(eventId)).map(PlaylistStore.Video::videoId).findFirst();
    }

    private static Set<String> lower(List<String> tags) {
        return tags.stream().map(t -> t.strip().toLowerCase(Locale.ROOT)).filter(t -> !t.isEmpty())
                .collect(Collectors.toSet());
    }
}

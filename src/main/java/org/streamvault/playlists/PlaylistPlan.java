package org.streamvault.playlists;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fewest {@code playlistItems} calls that turn a playlist into the wanted list of videos:
 * delete what does not belong (and repeats), keep the longest run of items already in the
 * wanted relative order where they are, move each other item once, insert what is missing.
 * Each move or insert names the position it takes in the list as it is at that moment, which is
 * how YouTube reads {@code snippet.position}.
 *
 * <p>Example: {@code [A, B, C, D]} wanted as {@code [B, C, D, A]} is one move (A to position 3),
 * not three.
 */
public final class PlaylistPlan {
    /** An item in a playlist, in playlist order. */
    public record Item(String itemId, String videoId) {
    }

    /** One call. */
    public sealed interface Op permits Delete, Move, Insert {
    }

    public record Delete(String itemId) implements Op {
    }

    public record Move(String itemId, String videoId, int position) implements Op {
    }

    public record Insert(String videoId, int position) implements Op {
    }

    private PlaylistPlan() {
    }

    /** @param wanted distinct video ids in the order the playlist must have them */
    public static List<Op> between(List<Item> current, List<String> wanted) {
        Map<String, Integer> rank = new HashMap<>();
        for (int i = 0; i < wanted.size(); i++) {
            rank.putIfAbsent(wanted.get(i), i);
        }
        List<Op> ops = new ArrayList<>();
        List<Item> kept = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Item item : current) {
            if (rank.containsKey(item.videoId()) && seen.add(item.videoId())) {
                kept.add(item);
            } else {
                ops.add(new Delete(item.itemId()));
            }
        }
        Set<String> staying = longestInOrder(kept, rank);
        Map<String, Item> byVideo = new HashMap<>();
        kept.forEach(i -> byVideo.put(i.videoId(), i));
        // the list as YouTube will hold it after each call
        List<String> list = new ArrayList<>(kept.stream().map(Item::videoId).toList());
        for (int i = 0; i < wanted.size(); i++) {
            String video = wanted.get(i);
            if (staying.contains(video)) {
                continue;
            }
            int position = i == 0 ? 0 : list.indexOf(wanted.get(i - 1)) + 1;
            Item item = byVideo.get(video);
            if (item != null) {
                int from = list.indexOf(video);
                list.remove(from);
                position = i == 0 ? 0 : list.indexOf(wanted.get(i - 1)) + 1;
                list.add(position, video);
                ops.add(new Move(item.itemId(), video, position));
            } else {
                list.add(position, video);
                ops.add(new Insert(video, position));
            }
        }
        return ops;
    }

    /** The videos of the longest subsequence of {@code items} already in wanted order (patience sorting). */
    private static Set<String> longestInOrder(List<Item> items, Map<String, Integer> rank) {
        int n = items.size();
        int[] tails = new int[n];
        int[] previous = new int[n];
        int length = 0;
        for (int i = 0; i < n; i++) {
            int r = rank.get(items.get(i).videoId());
            int lo = 0;
            int hi = length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (rank.get(items.get(tails[mid]).videoId()) < r) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            previous[i] = lo > 0 ? tails[lo - 1] : -1;
            tails[lo] = i;
            length = Math.max(length, lo + 1);
        }
        Set<String> out = new HashSet<>();
        for (int i = length == 0 ? -1 : tails[length - 1]; i >= 0; i = previous[i]) {
            out.add(items.get(i).videoId());
        }
        return out;
    }
}

package org.streamvault.playlists;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.streamvault.playlists.PlaylistPlan.Delete;
import org.streamvault.playlists.PlaylistPlan.Insert;
import org.streamvault.playlists.PlaylistPlan.Item;
import org.streamvault.playlists.PlaylistPlan.Move;
import org.streamvault.playlists.PlaylistPlan.Op;

/** The calls that turn a playlist into the wanted one, applied as YouTube applies them. */
class PlaylistPlanTest {
    @Test
    void oneItemMovedToTheEndIsOneMove() {
        List<Op> ops = PlaylistPlan.between(items("A", "B", "C", "D"), List.of("B", "C", "D", "A"));
        assertThat(ops).containsExactly(new Move("item-A", "A", 3));
        assertThat(apply(items("A", "B", "C", "D"), ops)).containsExactly("B", "C", "D", "A");
    }

    @Test
    void strangersAndRepeatsGoMissingOnesAreInsertedInPlace() {
        List<Item> current = List.of(new Item("i1", "A"), new Item("i2", "X"), new Item("i3", "C"), new Item("i4", "A"));
        List<Op> ops = PlaylistPlan.between(current, List.of("A", "B", "C"));
        assertThat(ops).containsExactly(new Delete("i2"), new Delete("i4"), new Insert("B", 1));
        assertThat(apply(current, ops)).containsExactly("A", "B", "C");
    }

    @Test
    void aPlaylistAlreadyRightCostsNothing() {
        assertThat(PlaylistPlan.between(items("A", "B"), List.of("A", "B"))).isEmpty();
        assertThat(apply(List.of(), PlaylistPlan.between(List.of(), List.of("A", "B")))).containsExactly("A", "B");
        assertThat(apply(items("A", "B"), PlaylistPlan.between(items("A", "B"), List.of()))).isEmpty();
    }

    @Test
    void anyPlaylistConvergesWithNoMoreMovesThanItemsOutOfOrder() {
        Random random = new Random(16);
        for (int round = 0; round < 500; round++) {
            List<String> pool = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                pool.add("v" + i);
            }
            Collections.shuffle(pool, random);
            List<String> wanted = new ArrayList<>(pool.subList(0, random.nextInt(10)));
            Collections.shuffle(pool, random);
            List<Item> current = new ArrayList<>();
            for (String v : pool.subList(0, random.nextInt(10))) {
                current.add(new Item("item-" + v + "-" + current.size(), v));
            }
            if (!current.isEmpty() && random.nextBoolean()) {
                current.add(new Item("repeat", current.getFirst().videoId()));
            }
            List<Op> ops = PlaylistPlan.between(current, wanted);
            assertThat(apply(current, ops)).as("round %d: %s -> %s", round, current, wanted).isEqualTo(wanted);
            long missing = wanted.stream().filter(w -> current.stream().noneMatch(i -> i.videoId().equals(w))).count();
            assertThat(ops.stream().filter(o -> o instanceof Insert).count()).isEqualTo(missing);
        }
    }

    private static List<Item> items(String... videos) {
        List<Item> out = new ArrayList<>();
        for (String v : videos) {
            out.add(new Item("item-" + v, v));
        }
        return out;
    }

    /** YouTube's reading of the calls: a position is an index into the list as it stands. */
    private static List<String> apply(List<Item> current, List<Op> ops) {
        List<Item> list = new ArrayList<>(current);
        int fresh = 0;
        for (Op op : ops) {
            switch (op) {
                case Delete d -> assertThat(list.removeIf(i -> i.itemId().equals(d.itemId()))).isTrue();
                case Move m -> {
                    Item item = list.stream().filter(i -> i.itemId().equals(m.itemId())).findFirst().orElseThrow();
                    list.remove(item);
                    assertThat(m.position()).isBetween(0, list.size());
                    list.add(m.position(), item);
                }
                case Insert in -> {
                    assertThat(in.position()).isBetween(0, list.size());
                    list.add(in.position(), new Item("new" + fresh++, in.videoId()));
                }
            }
        }
        return list.stream().map(Item::videoId).toList();
    }
}

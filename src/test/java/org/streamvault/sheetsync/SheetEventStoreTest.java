package org.streamvault.sheetsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.streamvault.db.Database;
import org.streamvault.testing.TestDatabase;

/**
 * The sync's reads and writes of {@code events} as schema.sql makes it (wubloader's shape: TEXT
 * ids, {@code event_end end_time (dashed, value)}): any text is an id, and a dashed end is kept
 * dashed with its value following the start, as the table's check requires.
 */
class SheetEventStoreTest {
    private static final LocalDateTime START = LocalDateTime.parse("2026-11-13T22:00:00");

    @Test
    void rowsRoundTripAndDashedEndsFollowTheStart() throws Exception {
        try (TestDatabase testDb = TestDatabase.create()) {
            testDb.applySchema();
            try (Database db = new Database(testDb.url(), testDb.user(), "", 2)) {
                SheetEventStore store = new SheetEventStore(db);
                String id = "day1/row-7"; // wubloader's ids are text, not UUIDs
                Map<String, Object> values = new LinkedHashMap<>();
                values.put("sheet_name", "Day 1");
                values.put("event_start", START);
                values.put("event_end", new EndTime(true, null));
                values.put("category", "Moment");
                values.put("poster_moment", true);
                values.put("image_links", List.of("https://img.example/1.png"));
                values.put("tags", List.of("Tag One", "tag two"));
                store.transaction(c -> {
                    store.insert(c, id, SheetSync.storable(values, null));
                    return null;
                });
                StoredEvent stored = store.transaction(c -> store.load(c, List.of(id, "no-such-row"))).get(id);
                assertThat(stored.id()).isEqualTo(id);
                assertThat(stored.state()).isEqualTo("UNEDITED");
                assertThat(stored.sheetValues()).containsEntry("event_start", START)
                        .containsEntry("event_end", new EndTime(true, START))
                        .containsEntry("description", "").containsEntry("poster_moment", true)
                        .containsEntry("tags", List.of("Tag One", "tag two"));

                // the start cell changes while the end cell is unreadable: the dashed end still follows it
                Map<String, Object> moved = new LinkedHashMap<>(Map.of("event_start", START.plusHours(1)));
                Map<String, Object> wanted = SheetSync.storable(moved, stored);
                store.transaction(c -> {
                    store.update(c, id, wanted);
                    return null;
                });
                StoredEvent after = store.transaction(c -> store.bySheet(c, List.of("Day 1"))).get(id);
                assertThat(after.sheetValues().get("event_end")).isEqualTo(new EndTime(true, START.plusHours(1)));
                assertThat(after.sheetValues().get("event_start")).isEqualTo(START.plusHours(1));

                // a real end replaces the dash in the composite column, as wubloader's editor reads it
                store.transaction(c -> {
                    store.update(c, id, Map.of("event_end", new EndTime(false, START.plusHours(2))));
                    return null;
                });
                try (Connection c = testDb.connect(); PreparedStatement ps = c.prepareStatement(
                        "SELECT (event_end).dashed, (event_end).value FROM events WHERE id = ?")) {
                    ps.setString(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getBoolean(1)).isFalse();
                        assertThat(rs.getObject(2, LocalDateTime.class)).isEqualTo(START.plusHours(2));
                    }
                }
            }
        }
    }
}

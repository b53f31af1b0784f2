package org.streamvault.sheetsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.streamvault.db.Database;
import org.streamvault.testing.TestDatabase;

/**
 * The sync's reads and writes against both shapes of {@code events}: Streamvault's earlier one
 * (UUID ids, TIMESTAMP end), and wubloader's (TEXT ids, {@code end_time} composite), which is
 * made here by altering the earlier one as the in-place migration does while schema.sql still
 * makes the earlier one.
 */
class SheetEventStoreTest {
    private static final LocalDateTime START = LocalDateTime.parse("2026-11-13T22:00:00");

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void rowsRoundTripAndDashedEndsFollowTheStart(boolean wubloaderShape) throws Exception {
        try (TestDatabase testDb = TestDatabase.create()) {
            testDb.applySchema();
            boolean earlierSchema;
            try (Connection c = testDb.connect()) {
                earlierSchema = EventSchema.read(c).uuidIds();
            }
            // once schema.sql is wubloader's, there is no earlier shape left to test (start-up migrates it)
            assumeTrue(earlierSchema || wubloaderShape, "schema.sql makes wubloader's shape already");
            if (wubloaderShape && earlierSchema) {
                toWubloaderShape(testDb);
            }
            try (Database db = new Database(testDb.url(), testDb.user(), "", 2)) {
                SheetEventStore store = new SheetEventStore(db);
                EventSchema schema = store.schema();
                assertThat(schema).isEqualTo(new EventSchema(!wubloaderShape, wubloaderShape));
                assertThat(schema.accepts("row-7")).isEqualTo(wubloaderShape);
                String id = UUID.randomUUID().toString();
                Map<String, Object> values = new LinkedHashMap<>();
                values.put("sheet_name", "Day 1");
                values.put("event_start", START);
                values.put("event_end", new EndTime(true, null));
                values.put("category", "Moment");
                values.put("poster_moment", true);
                values.put("image_links", List.of("https://img.example/1.png"));
                values.put("tags", List.of("Tag One", "tag two"));
                store.transaction(c -> {
                    store.insert(c, id, SheetSync.storable(values, null, schema));
                    return null;
                });
                StoredEvent stored = store.transaction(c -> store.load(c, List.of(id))).get(id);
                assertThat(stored.state()).isEqualTo("UNEDITED");
                assertThat(stored.sheetValues()).containsEntry("event_start", START)
                        .containsEntry("event_end", new EndTime(wubloaderShape, START))
                        .containsEntry("description", "").containsEntry("poster_moment", true)
                        .containsEntry("tags", List.of("Tag One", "tag two"));

                // the start cell changes while the end cell is unreadable: a dashed end still follows it
                Map<String, Object> moved = new LinkedHashMap<>(Map.of("event_start", START.plusHours(1)));
                Map<String, Object> wanted = SheetSync.storable(moved, stored, schema);
                store.transaction(c -> {
                    store.update(c, id, wanted);
                    return null;
                });
                StoredEvent after = store.transaction(c -> store.bySheet(c, List.of("Day 1"))).get(id);
                assertThat(after.sheetValues().get("event_end")).isEqualTo(wubloaderShape
                        ? new EndTime(true, START.plusHours(1)) : new EndTime(false, START));
                assertThat(after.sheetValues().get("event_start")).isEqualTo(START.plusHours(1));
            }
        }
    }

    private static void toWubloaderShape(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TYPE end_time AS (dashed BOOLEAN, value TIMESTAMP)");
            st.execute("ALTER TABLE events ALTER COLUMN id TYPE TEXT");
            st.execute("ALTER TABLE events ALTER COLUMN event_end TYPE end_time USING ROW(false, event_end)::end_time");
            st.execute("ALTER TABLE events ADD CONSTRAINT event_end_dashed"
                    + " CHECK (NOT (event_end).dashed OR (event_end).value = event_start)");
        }
    }
}

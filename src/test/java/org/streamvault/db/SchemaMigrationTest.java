package org.streamvault.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.streamvault.testing.TestDatabase;

/**
 * SPEC §6: a database made by Streamvault's first schema (test resource {@code db/schema-v1.sql},
 * the schema as it was at commit 72fd3b9) is migrated in place when nodes start, together, losing
 * no row and no value, and applying the schema again changes nothing.
 */
class SchemaMigrationTest {
    /** Rows in every state the first schema allowed, as its nodes and editors left them. */
    private static final String[] V1_ROWS = {
        // from the sheet, never edited; the end time as it was written
        "INSERT INTO events (id, sheet_name, event_start, event_end, category, description, notes, tags)"
            + " VALUES ('00000000-0000-0000-0000-000000000001', 'Tuesday', '2026-11-17 10:00', '2026-11-17 10:30',"
            + " 'Chat', 'The bus hits a bird', 'a note', '{one,two}')",
        // a draft: a range but UNEDITED, and an end without a start
        "INSERT INTO events (id, sheet_name, video_start, video_end, video_title) VALUES"
            + " ('00000000-0000-0000-0000-000000000002', 'Tuesday', '2026-11-17 10:01', '2026-11-17 10:02', 'draft')",
        "INSERT INTO events (id, sheet_name, video_end) VALUES"
            + " ('00000000-0000-0000-0000-000000000003', 'Tuesday', '2026-11-17 10:02')",
        edited("00000000-0000-0000-0000-000000000004", "EDITED", "NULL", "TRUE", "'{node-a,node-b}'", "'holes wait'"),
        edited("00000000-0000-0000-0000-000000000005", "CLAIMED", "'node-a'", "FALSE", "NULL", "NULL"),
        edited("00000000-0000-0000-0000-000000000006", "FINALIZING", "'node-b'", "FALSE", "NULL", "'check it'"),
        edited("00000000-0000-0000-0000-000000000007", "TRANSCODING", "'node-a'", "TRUE", "NULL", "NULL"),
        edited("00000000-0000-0000-0000-000000000008", "DONE", "'node-a'", "FALSE", "NULL", "NULL"),
        // a manual upload: DONE without a range
        "INSERT INTO events (id, sheet_name, state, upload_location, editor, edit_time, video_link, upload_time)"
            + " VALUES ('00000000-0000-0000-0000-000000000009', 'Wednesday', 'DONE', 'manual', 'ed@example.org',"
            + " '2026-11-18 09:00', 'https://youtu.be/abc', '2026-11-18 09:00')",
    };

    private TestDatabase testDb;

    private static String edited(String id, String state, String uploader, String allowHoles, String whitelist,
            String error) {
        boolean uploaded = state.equals("TRANSCODING") || state.equals("DONE");
        return "INSERT INTO events (id, sheet_name, event_start, state, uploader, allow_holes, uploader_whitelist,"
                + " upload_location, public, video_start, video_end, video_title, video_description, video_tags,"
                + " video_channel, video_quality, error, editor, edit_time, video_id, video_link, upload_time) VALUES ('"
                + id + "', 'Tuesday', '2026-11-17 11:00', '" + state + "', " + uploader + ", " + allowHoles + ", "
                + whitelist + ", 'local', FALSE, '2026-11-17 11:00:01.5', '2026-11-17 11:00:09.25', 'Clip " + state
                + "', 'about it', '{bus,clip}', 'desertbus', 'source', " + error + ", 'ed@example.org',"
                + " '2026-11-17 12:00', " + (uploaded ? "'v-" + state + "', 'http://clips/" + state + "'" : "NULL, NULL")
                + ", " + (state.equals("DONE") ? "'2026-11-17 13:00'" : "NULL") + ")";
    }

    @BeforeEach
    void firstSchema() throws Exception {
        testDb = TestDatabase.create();
        try (Connection c = testDb.connect(); Statement st = c.createStatement();
                InputStream v1 = SchemaMigrationTest.class.getResourceAsStream("/db/schema-v1.sql")) {
            st.execute(new String(v1.readAllBytes(), StandardCharsets.UTF_8));
            for (String row : V1_ROWS) {
                st.execute(row);
            }
            st.execute("INSERT INTO editors VALUES ('ed@example.org', 'Ed'), ('Ann@Example.org', 'Ann'),"
                    + " ('ann@example.org', 'ann again')");
        }
    }

    @AfterEach
    void drop() throws Exception {
        testDb.close();
    }

    @Test
    void nodesStartingTogetherMigrateEveryRowOnce() throws Exception {
        Map<String, Map<String, String>> before = rows("video_start::text AS video_start, video_end::text AS video_end,"
                + " event_end::text AS event_end");
        startNodesTogether(4);

        Map<String, Map<String, String>> after = rows("video_ranges::text AS video_ranges,"
                + " video_transitions::text AS video_transitions, event_end::text AS event_end,"
                + " (event_end).dashed::text AS dashed, (event_end).value::text AS end_value,"
                + " cardinality(video_ranges)::text AS ranges, (video_ranges[1]).start::text AS range_start,"
                + " (video_ranges[1]).\"end\"::text AS range_end");
        assertThat(after.keySet()).containsExactlyElementsOf(before.keySet()); // same ids, now TEXT
        for (Map.Entry<String, Map<String, String>> e : before.entrySet()) {
            Map<String, String> old = e.getValue();
            Map<String, String> now = after.get(e.getKey());
            // every column the first schema had, other than the ones migrated, is unchanged
            for (String column : old.keySet()) {
                if (!List.of("video_start", "video_end", "event_end").contains(column)) {
                    assertThat(now.get(column)).as(e.getKey() + " " + column).isEqualTo(old.get(column));
                }
            }
            assertThat(now.get("dashed")).isEqualTo("false");
            assertThat(now.get("end_value")).isEqualTo(old.get("event_end"));
            if (old.get("video_start") == null && old.get("video_end") == null) {
                assertThat(now.get("video_ranges")).as(e.getKey()).isNull();
                assertThat(now.get("video_transitions")).as(e.getKey()).isNull();
            } else {
                assertThat(now.get("ranges")).as(e.getKey()).isEqualTo("1");
                assertThat(now.get("range_start")).as(e.getKey()).isEqualTo(old.get("video_start"));
                assertThat(now.get("range_end")).as(e.getKey()).isEqualTo(old.get("video_end"));
                assertThat(now.get("video_transitions")).isEqualTo("{}");
            }
        }
        assertThat(after.get("00000000-0000-0000-0000-000000000004").get("video_ranges"))
                .isEqualTo("{\"(\\\"2026-11-17 11:00:01.5\\\",\\\"2026-11-17 11:00:09.25\\\")\"}");
        assertThat(after.get("00000000-0000-0000-0000-000000000003").get("video_ranges"))
                .isEqualTo("{\"(,\\\"2026-11-17 10:02:00\\\")\"}");

        try (Connection c = testDb.connect(); Statement st = c.createStatement()) {
            assertThat(strings(st, "SELECT email || ' ' || name || ' ' || editor || ' ' || artist FROM roles ORDER BY email"))
                    .containsExactly("ann@example.org Ann true false", "ed@example.org Ed true false");
            assertThat(strings(st, "SELECT count(*) FROM pg_tables WHERE tablename = 'editors'")).containsExactly("0");
            assertThat(strings(st, "SELECT data_type FROM information_schema.columns WHERE table_name = 'events'"
                    + " AND column_name IN ('id', 'video_start', 'video_end')")).containsExactly("text");
            assertThat(strings(st, "SELECT count(*) FROM pg_constraint WHERE contype = 'c'"
                    + " AND conrelid = 'events'::regclass")).containsExactly("21");
            // the migrated rows obey the new rules: MODIFIED needs last_modified, ranges need transitions
            assertThatThrownBy(() -> st.execute("UPDATE events SET state = 'MODIFIED'"
                    + " WHERE id = '00000000-0000-0000-0000-000000000008'")).hasMessageContaining("last_modified_set");
            assertThatThrownBy(() -> st.execute("UPDATE events SET video_transitions = ARRAY[NULL]::video_transition[]"
                    + " WHERE id = '00000000-0000-0000-0000-000000000004'")).hasMessageContaining("video_transitions_count");
            st.execute("UPDATE events SET state = 'MODIFIED', last_modified = now()"
                    + " WHERE id = '00000000-0000-0000-0000-000000000008'");
            // and new rows need not be UUIDs
            st.execute("INSERT INTO events (id, sheet_name) VALUES ('row-from-wubloader', 'Friday')");
        }
    }

    @Test
    void applyingAgainChangesNothing() throws Exception {
        startNodesTogether(1);
        String columns = "video_ranges::text AS video_ranges, video_transitions::text AS video_transitions,"
                + " event_end::text AS event_end";
        Map<String, Map<String, String>> once = rows(columns);
        List<String> rolesOnce;
        try (Connection c = testDb.connect(); Statement st = c.createStatement()) {
            // an operator takes a role away; a second start must not give it back
            st.execute("UPDATE roles SET editor = FALSE WHERE email = 'ann@example.org'");
            rolesOnce = strings(st, "SELECT email || editor FROM roles ORDER BY email");
        }
        startNodesTogether(2);
        assertThat(rows(columns)).isEqualTo(once);
        try (Connection c = testDb.connect(); Statement st = c.createStatement()) {
            assertThat(strings(st, "SELECT email || editor FROM roles ORDER BY email")).isEqualTo(rolesOnce);
        }
    }

    private void startNodesTogether(int nodes) {
        CyclicBarrier together = new CyclicBarrier(nodes);
        List<Database> pools = new ArrayList<>();
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            Database node = new Database(testDb.url(), testDb.user(), "", 2);
            pools.add(node);
            starts.add(CompletableFuture.runAsync(() -> {
                try {
                    together.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                node.ensureSchema();
            }));
        }
        try {
            CompletableFuture.allOf(starts.toArray(new CompletableFuture<?>[0])).join();
        } finally {
            pools.forEach(Database::close);
        }
    }

    /** id → every column as text (the named expressions replacing same-named columns). */
    private Map<String, Map<String, String>> rows(String expressions) throws Exception {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        try (Connection c = testDb.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT *, " + expressions + " FROM events ORDER BY id::text")) {
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnName(i), rs.getString(i)); // later (named) ones win
                }
                out.put(rs.getString("id"), row);
            }
        }
        return out;
    }

    private static List<String> strings(Statement st, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}

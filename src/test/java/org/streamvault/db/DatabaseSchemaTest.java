package org.streamvault.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.streamvault.testing.TestDatabase;

/** The schema against a real PostgreSQL: idempotent, safe concurrently, and every CHECK bites. */
class DatabaseSchemaTest {
    private static TestDatabase testDb;
    private static Database db;

    @BeforeAll
    static void create() throws Exception {
        testDb = TestDatabase.create();
        db = new Database(testDb.url(), testDb.user(), "", 4);
        db.ensureSchema();
    }

    @AfterAll
    static void drop() throws Exception {
        db.close();
        testDb.close();
    }

    @Test
    void applyingTwiceAndConcurrentlyLeavesOneCorrectSchema() throws Exception {
        try (TestDatabase fresh = TestDatabase.create()) {
            int nodes = 4;
            CyclicBarrier together = new CyclicBarrier(nodes);
            List<CompletableFuture<Void>> starts = new ArrayList<>();
            List<Database> pools = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                Database node = new Database(fresh.url(), fresh.user(), "", 2);
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
            CompletableFuture.allOf(starts.toArray(new CompletableFuture<?>[0])).join();
            // and once more from a node that starts later
            fresh.applySchema();
            pools.forEach(Database::close);
            try (Connection c = fresh.connect(); Statement st = c.createStatement()) {
                assertThat(count(st, "SELECT count(*) FROM pg_type WHERE typname = 'event_state'")).isEqualTo(1);
                assertThat(count(st, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isEqualTo(5);
                assertThat(count(st, "SELECT count(*) FROM pg_tables WHERE tablename = 'playlists'")).isEqualTo(1);
                assertThat(count(st, "SELECT count(*) FROM pg_type WHERE typname = 'box_coords'")).isEqualTo(1);
                assertThat(count(st, "SELECT count(*) FROM pg_indexes WHERE indexname = 'event_state'")).isEqualTo(1);
                assertThat(count(st, "SELECT count(*) FROM pg_constraint WHERE contype = 'c'"
                        + " AND conrelid = 'events'::regclass")).isEqualTo(12);
                assertThat(count(st, "SELECT count(*) FROM unnest(enum_range(NULL::event_state))")).isEqualTo(6);
            }
        }
    }

    @Test
    void connectionsAreSerializableAndAutocommit() {
        String isolation = db.query(c -> {
            assertThat(c.getAutoCommit()).isTrue();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW transaction_isolation")) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertThat(isolation).isEqualTo("serializable");
    }

    // Each CHECK: a row that breaks exactly that rule is refused.

    private static final String EDITED_ROW = "INSERT INTO events (id, sheet_name, state, upload_location, video_start,"
            + " video_end, video_title, video_description, video_tags, video_channel, editor, edit_time, uploader,"
            + " video_link, upload_time) VALUES (gen_random_uuid(), 'sheet', '%s', %s, %s, %s, %s, %s, %s, %s, %s, %s,"
            + " %s, %s, %s)";

    /** A row in {@code state} with every field set, then {@code nulled} set to NULL. */
    private static String row(String state, String nulled) {
        String[][] fields = {
            {"upload_location", "'local'"}, {"video_start", "now()"}, {"video_end", "now()"},
            {"video_title", "'t'"}, {"video_description", "'d'"}, {"video_tags", "'{}'"},
            {"video_channel", "'c'"}, {"editor", "'e@x'"}, {"edit_time", "now()"}, {"uploader", "'n1'"},
            {"video_link", "'http://v'"}, {"upload_time", "now()"},
        };
        Object[] values = new Object[fields.length + 1];
        values[0] = state;
        for (int i = 0; i < fields.length; i++) {
            values[i + 1] = fields[i][0].equals(nulled) ? "NULL" : fields[i][1];
        }
        return String.format(EDITED_ROW, values);
    }

    private static void insert(String sql) {
        db.query(c -> {
            try (Statement st = c.createStatement()) {
                st.execute(sql);
            }
            return null;
        });
    }

    @Test
    void aCompleteRowIsAcceptedInEveryState() {
        for (String state : new String[] {"UNEDITED", "EDITED", "CLAIMED", "FINALIZING", "TRANSCODING", "DONE"}) {
            insert(row(state, "none"));
        }
    }

    @Test
    void editInputsAreRequiredOutsideUneditedAndDone() {
        for (String field : new String[] {"video_start", "video_end", "video_title", "video_description", "video_tags",
            "video_channel"}) {
            for (String state : new String[] {"EDITED", "CLAIMED", "FINALIZING", "TRANSCODING"}) {
                assertRefused(row(state, field), field + "_set");
            }
            insert(row("UNEDITED", field));
            insert(row("DONE", field)); // manual uploads
        }
    }

    @Test
    void uploadLocationIsRequiredOutsideUnedited() {
        for (String state : new String[] {"EDITED", "CLAIMED", "FINALIZING", "TRANSCODING", "DONE"}) {
            assertRefused(row(state, "upload_location"), "upload_location_set");
        }
        insert(row("UNEDITED", "upload_location"));
    }

    @Test
    void uploaderIsRequiredFromClaimedOnButNotForDone() {
        for (String state : new String[] {"CLAIMED", "FINALIZING", "TRANSCODING"}) {
            assertRefused(row(state, "uploader"), "uploader_set");
        }
        insert(row("EDITED", "uploader"));
        insert(row("DONE", "uploader"));
    }

    @Test
    void doneNeedsALinkAndAnUploadTime() {
        assertRefused(row("DONE", "video_link"), "video_link_set");
        assertRefused(row("DONE", "upload_time"), "upload_time_set");
        insert(row("TRANSCODING", "video_link"));
    }

    @Test
    void editorAndEditTimeAreRequiredOutsideUnedited() {
        for (String state : new String[] {"EDITED", "CLAIMED", "FINALIZING", "TRANSCODING", "DONE"}) {
            assertRefused(row(state, "editor"), "editor_set");
            assertRefused(row(state, "edit_time"), "edit_time_set");
        }
        insert(row("UNEDITED", "editor"));
    }

    @Test
    void unknownStateIsRefused() {
        assertThatThrownBy(() -> insert(row("LOST", "none"))).isInstanceOf(DatabaseException.class)
                .hasMessageContaining("event_state");
    }

    private static void assertRefused(String sql, String constraint) {
        assertThatThrownBy(() -> insert(sql)).as(sql).isInstanceOf(DatabaseException.class)
                .hasMessageContaining(constraint)
                .satisfies(e -> assertThat(((DatabaseException) e).isConstraintViolation()).isTrue());
    }

    private static long count(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

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
                for (String type : new String[] {"video_range", "video_transition", "end_time", "thumbnail_mode"}) {
                    assertThat(count(st, "SELECT count(*) FROM pg_type WHERE typname = '" + type + "'")).isEqualTo(1);
                }
                assertThat(count(st, "SELECT count(*) FROM pg_type WHERE typname = 'box_coords'")).isEqualTo(1);
                assertThat(count(st, "SELECT count(*) FROM pg_indexes WHERE indexname = 'event_state'")).isEqualTo(1);
                assertThat(count(st, "SELECT count(*) FROM pg_constraint WHERE contype = 'c'"
                        + " AND conrelid = 'events'::regclass")).isEqualTo(21); // thumbnail_last_written_set too
                assertThat(count(st, "SELECT count(*) FROM unnest(enum_range(NULL::event_state))")).isEqualTo(7);
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

    private static final String[] STATES = {"UNEDITED", "EDITED", "CLAIMED", "FINALIZING", "TRANSCODING", "DONE",
        "MODIFIED"};
    private static final String[][] FIELDS = {
        {"upload_location", "'local'"}, {"video_ranges", "ARRAY[ROW(now(), now() + interval '1 minute')::video_range]"},
        {"video_transitions", "'{}'"}, {"video_title", "'t'"}, {"video_description", "'d'"},
        {"video_tags", "'{}'"}, {"video_channel", "'c'"}, {"editor", "'e@x'"}, {"edit_time", "now()"},
        {"uploader", "'n1'"}, {"video_link", "'http://v'"}, {"upload_time", "now()"}, {"last_modified", "now()"},
    };

    /** A row in {@code state} with every field set, then {@code nulled} set to NULL, and {@code extra} columns. */
    private static String row(String state, String nulled, String... extra) {
        StringBuilder columns = new StringBuilder("id, sheet_name, state");
        StringBuilder values = new StringBuilder("gen_random_uuid()::text, 'sheet', '" + state + "'");
        for (String[] f : FIELDS) {
            columns.append(", ").append(f[0]);
            values.append(", ").append(f[0].equals(nulled) ? "NULL" : f[1]);
        }
        for (int i = 0; i < extra.length; i += 2) {
            columns.append(", ").append(extra[i]);
            values.append(", ").append(extra[i + 1]);
        }
        return "INSERT INTO events (" + columns + ") VALUES (" + values + ")";
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
        for (String state : STATES) {
            insert(row(state, "none"));
        }
    }

    @Test
    void editInputsAreRequiredOutsideUneditedAndDone() {
        for (String field : new String[] {"video_ranges", "video_transitions", "video_title", "video_description",
            "video_tags", "video_channel"}) {
            for (String state : new String[] {"EDITED", "CLAIMED", "FINALIZING", "TRANSCODING", "MODIFIED"}) {
                String constraint = field + "_set";
                if (field.equals("video_transitions")) {
                    constraint = "video_transitions_"; // _set, and _count (one range, no transitions list) may bite first
                }
                assertRefused(row(state, field), constraint);
            }
        }
        // UNEDITED, and DONE (manual uploads), need none of them
        for (String state : new String[] {"UNEDITED", "DONE"}) {
            insert(row(state, "video_title"));
            insert(row(state, "video_description"));
            insert(row(state, "video_tags"));
            insert(row(state, "video_channel"));
            insert(withRanges(state, "NULL", "NULL"));
        }
    }

    @Test
    void rangesAreOneMoreThanTransitions() {
        String two = "ARRAY[ROW('2026-11-20 14:00', '2026-11-20 14:01')::video_range,"
                + " ROW('2026-11-20 15:00', '2026-11-20 15:01')::video_range]";
        String noRanges = "ARRAY[]::video_range[]";
        for (String state : STATES) {
            assertRefused(withRanges(state, two, "'{}'"), "video_transitions_count");
            assertRefused(withRanges(state, two, "ARRAY[NULL, NULL]::video_transition[]"), "video_transitions_count");
            assertRefused(withRanges(state, noRanges, "'{}'"), "video_transitions_count");
            insert(withRanges(state, two, "ARRAY[ROW('fade', 0.5)::video_transition]"));
            insert(withRanges(state, two, "ARRAY[NULL]::video_transition[]")); // a hard cut
        }
        // as in wubloader, a NULL side is left to the _set rules (a draft may keep ranges alone)
        insert(withRanges("UNEDITED", two, "NULL"));
        insert(withRanges("UNEDITED", "NULL", "NULL"));
        assertRefused(withRanges("EDITED", two, "NULL"), "video_transitions_set");
    }

    private static String withRanges(String state, String ranges, String transitions) {
        return row(state, "none").replace("ARRAY[ROW(now(), now() + interval '1 minute')::video_range], '{}'",
                ranges + ", " + transitions);
    }

    @Test
    void uploadLocationIsRequiredOutsideUnedited() {
        for (String state : STATES) {
            if (!state.equals("UNEDITED")) {
                assertRefused(row(state, "upload_location"), "upload_location_set");
            }
        }
        insert(row("UNEDITED", "upload_location"));
    }

    @Test
    void uploaderIsRequiredFromClaimedOnButNotForDoneOrModified() {
        for (String state : new String[] {"CLAIMED", "FINALIZING", "TRANSCODING"}) {
            assertRefused(row(state, "uploader"), "uploader_set");
        }
        for (String state : new String[] {"UNEDITED", "EDITED", "DONE", "MODIFIED"}) {
            insert(row(state, "uploader"));
        }
    }

    @Test
    void doneAndModifiedNeedALinkAndAnUploadTime() {
        for (String state : new String[] {"DONE", "MODIFIED"}) {
            assertRefused(row(state, "video_link"), "video_link_set");
            assertRefused(row(state, "upload_time"), "upload_time_set");
        }
        for (String state : new String[] {"UNEDITED", "EDITED", "CLAIMED", "FINALIZING", "TRANSCODING"}) {
            insert(row(state, "video_link"));
            insert(row(state, "upload_time"));
        }
    }

    @Test
    void modifiedNeedsLastModified() {
        assertRefused(row("MODIFIED", "last_modified"), "last_modified_set");
        for (String state : STATES) {
            if (!state.equals("MODIFIED")) {
                insert(row(state, "last_modified"));
            }
        }
    }

    @Test
    void editorAndEditTimeAreRequiredOutsideUnedited() {
        for (String state : STATES) {
            if (!state.equals("UNEDITED")) {
                assertRefused(row(state, "editor"), "editor_set");
                assertRefused(row(state, "edit_time"), "edit_time_set");
            }
        }
        insert(row("UNEDITED", "editor"));
        insert(row("UNEDITED", "edit_time"));
    }

    @Test
    void aDashedEndIsTheStart() {
        insert(row("UNEDITED", "none", "event_start", "'2026-11-20 14:00'", "event_end",
                "ROW(TRUE, '2026-11-20 14:00')::end_time"));
        insert(row("UNEDITED", "none", "event_start", "NULL", "event_end", "ROW(TRUE, NULL)::end_time"));
        insert(row("UNEDITED", "none", "event_start", "'2026-11-20 14:00'", "event_end",
                "ROW(FALSE, '2026-11-20 15:00')::end_time"));
        insert(row("UNEDITED", "none", "event_start", "'2026-11-20 14:00'")); // default: not dashed, no value
        assertRefused(row("UNEDITED", "none", "event_start", "'2026-11-20 14:00'", "event_end",
                "ROW(TRUE, '2026-11-20 15:00')::end_time"), "event_end_dashed");
        assertRefused(row("UNEDITED", "none", "event_start", "'2026-11-20 14:00'", "event_end",
                "ROW(TRUE, NULL)::end_time"), "event_end_dashed");
        assertRefused(row("UNEDITED", "none", "event_end", "ROW(NULL, NULL)::end_time"), "event_end_dashed");
        assertRefused(row("UNEDITED", "none", "event_end", "NULL"), "event_end_dashed");
    }

    @Test
    void eachThumbnailModeNeedsItsInputsOutsideUnedited() {
        String[] template = {"thumbnail_mode", "'TEMPLATE'", "thumbnail_time", "now()", "thumbnail_template", "'t'",
            "thumbnail_crop", "'{0,0,10,10}'", "thumbnail_location", "'{0,0,10,10}'"};
        for (String state : STATES) {
            // a DONE row with a thumbnail has had it set: thumbnail_last_written (the image's hash)
            String[] written = state.equals("DONE") ? new String[] {"thumbnail_last_written", "'\\x01'"} : new String[0];
            insert(row(state, "none", with(template, written)));
            for (int i = 2; i < template.length; i += 2) {
                String[] missing = template.clone();
                missing[i + 1] = "NULL";
                if (state.equals("UNEDITED")) {
                    insert(row(state, "none", missing));
                } else {
                    assertRefused(row(state, "none", with(missing, written)), template[i] + "_set");
                }
            }
            insert(row(state, "none", with(new String[] {"thumbnail_mode", "'BARE'", "thumbnail_time", "now()"}, written)));
            insert(row(state, "none", with(new String[] {"thumbnail_mode", "'CUSTOM'", "thumbnail_image", "'\\x89504e47'"},
                    written)));
            insert(row(state, "none", "thumbnail_mode", "'NONE'"));
            if (!state.equals("UNEDITED")) {
                assertRefused(row(state, "none", with(new String[] {"thumbnail_mode", "'BARE'"}, written)),
                        "thumbnail_time_set");
                assertRefused(row(state, "none", with(new String[] {"thumbnail_mode", "'CUSTOM'"}, written)),
                        "thumbnail_image_set");
            }
        }
        assertRefused(row("DONE", "none", "thumbnail_mode", "'BARE'", "thumbnail_time", "now()"),
                "thumbnail_last_written_set");
        assertRefused(row("EDITED", "none", "thumbnail_mode", "'NONE'", "thumbnail_crop", "'{1,2,3}'"), "box_coords");
    }

    private static String[] with(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void roleEmailsAreLowerCase() {
        insert("INSERT INTO roles (email, name, editor) VALUES ('ed@example.org', 'Ed', TRUE)");
        assertRefused("INSERT INTO roles (email, name, editor) VALUES ('Ann@example.org', 'Ann', TRUE)",
                "roles_email_lowercase");
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

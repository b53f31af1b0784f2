package org.streamvault.sheetsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamvault.sheetsync.SheetSyncFixture.DESCRIPTION;
import static org.streamvault.sheetsync.SheetSyncFixture.ID;
import static org.streamvault.sheetsync.SheetSyncFixture.STATE;
import static org.streamvault.sheetsync.SheetSyncFixture.row;
import static org.streamvault.sheetsync.SheetSyncFixture.withHeader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.testing.Await;
import org.streamvault.testing.FakeSheets;
import org.streamvault.testing.TestDatabase;
import org.streamvault.testing.TestNode;

/** A lost sheet rebuilt from the database: the same rows come back, and a second pass writes nothing. */
class ReverseSyncTest {
    @TempDir
    Path dir;

    @Test
    void freshSheetIsRebuiltFromTheDatabase() throws Exception {
        try (TestDatabase db = TestDatabase.create(); FakeSheets original = new FakeSheets();
                FakeSheets fresh = new FakeSheets()) {
            original.addWorksheet("Day 1", withHeader(
                    row("1:00:00", "1:05:00", "Highlight", "The bus hits a bug", "viewer42", "[\u2713]",
                            "https://img.example/1.png https://img.example/2.png", "", "a note", "bug, funny"),
                    row("-0:10:00", "--", "Moment", "Before the start", "", "", "", "", "", "")));
            original.addWorksheet("Day 2", withHeader(row("25:00:30", "", "Game", "Day two game")));
            try (TestNode node = SheetSyncFixture.start(dir, db, original, "Day 1,Day 2")) {
                Await.until("ids and states everywhere", () -> !original.cell("Day 1", 2, STATE).isEmpty()
                        && !original.cell("Day 1", 3, STATE).isEmpty() && !original.cell("Day 2", 2, STATE).isEmpty());
                assertThat(node.get("/observe/health/ready").statusCode()).isEqualTo(200);
            }
            String bugId = original.cell("Day 1", 2, ID);
            SheetSyncFixture.update(db, "UPDATE events SET error = 'could not cut' WHERE id = ?", bugId);

            fresh.addWorksheet("Day 1", withHeader(
                    // one row survived, with a stale description
                    row("1:00:00", "1:05:00", "Highlight", "stale", "viewer42", "[\u2713]",
                            "https://img.example/1.png https://img.example/2.png", "", "a note", "bug, funny", "", "",
                            "UNEDITED", "", "", bugId)));
            fresh.addWorksheet("Day 2", withHeader());
            try (TestNode node = SheetSyncFixture.start(dir, db, fresh, "Day 1,Day 2",
                    "streamvault.sheetsync.mode", "reverse")) {
                Await.until("all rows back", () -> fresh.rowCount("Day 1") == 3 && fresh.rowCount("Day 2") == 2);
                Await.until("the stale cell corrected", () -> fresh.cell("Day 1", 2, DESCRIPTION)
                        .equals("The bus hits a bug"));
                int written = fresh.writtenCells().size();
                int reads = fresh.reads();
                Await.until("three more passes", () -> fresh.reads() >= reads + 3);
                assertThat(fresh.writtenCells()).hasSize(written);
                assertThat(SheetSyncFixture.metric(node, "streamvault_sheetsync_cells_written_total", ""))
                        .isEqualTo(written);
            }
            assertThat(fresh.cell("Day 1", 2, 14)).isEqualTo("could not cut");
            // the dashed end comes back as "--", not as the start it is stored with
            assertThat(cells(fresh, "Day 1", 3)).isEqualTo(cells(original, "Day 1", 3));
            assertThat(fresh.cell("Day 1", 3, 1)).isEqualTo("--");
            assertThat(cells(fresh, "Day 2", 2)).isEqualTo(cells(original, "Day 2", 2));
            assertThat(cells(fresh, "Day 1", 2).subList(0, 10)).isEqualTo(cells(original, "Day 1", 2).subList(0, 10));
            assertThat(SheetSyncFixture.count(db)).isEqualTo(3);
            assertThat(fresh.violations()).isEmpty();
        }
    }

    private static List<String> cells(FakeSheets sheets, String worksheet, int row) {
        List<String> out = new ArrayList<>();
        for (int c = 0; c < 16; c++) {
            // column 7 (marked for edit) and 10 are the operators' own, not the database's
            out.add(c == 7 || c == 10 ? "" : sheets.cell(worksheet, row, c));
        }
        return out;
    }
}

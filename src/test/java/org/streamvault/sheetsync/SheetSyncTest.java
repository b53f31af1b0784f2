package org.streamvault.sheetsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamvault.sheetsync.SheetSyncFixture.DESCRIPTION;
import static org.streamvault.sheetsync.SheetSyncFixture.EDIT;
import static org.streamvault.sheetsync.SheetSyncFixture.ERROR;
import static org.streamvault.sheetsync.SheetSyncFixture.ID;
import static org.streamvault.sheetsync.SheetSyncFixture.STATE;
import static org.streamvault.sheetsync.SheetSyncFixture.VIDEO;
import static org.streamvault.sheetsync.SheetSyncFixture.event;
import static org.streamvault.sheetsync.SheetSyncFixture.row;
import static org.streamvault.sheetsync.SheetSyncFixture.withHeader;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.testing.Await;
import org.streamvault.testing.FakeSheets;
import org.streamvault.testing.TestDatabase;
import org.streamvault.testing.TestNode;

/**
 * A node syncing a (fake) schedule spreadsheet while an operator types into it: new rows get ids
 * and land in {@code events}, edits follow, the database's state and link come back, and a quiet
 * sheet costs reads only.
 */
class SheetSyncTest {
    @TempDir
    Path dir;

    @Test
    void operatorsRowGetsAnIdThenSheetAndDatabaseFollowEachOther() throws Exception {
        try (TestDatabase db = TestDatabase.create(); FakeSheets sheets = new FakeSheets()) {
            sheets.addWorksheet("Day 1", withHeader());
            sheets.addWorksheet("Day 2", withHeader());
            sheets.addWorksheet("Day 3", withHeader());
            try (TestNode node = SheetSyncFixture.start(dir, db, sheets, "Day 1,Day 2,Day 3",
                    "streamvault.sheetsync.recent-worksheets", "1", "streamvault.sheetsync.full-pass-every", "4")) {
                Await.until("a first pass", () -> sheets.reads() > 0);
                // the operator types a new event while the node runs
                sheets.setRow("Day 1", 2, row("1:00", "1:05", "Highlight", "The bus hits a bug", "viewer42", "",
                        "https://img.example/1.png https://img.example/2.png", "[+] Marked", "a note", "bug, funny"));
                Await.until("an id in the sheet", () -> !sheets.cell("Day 1", 2, ID).isEmpty());
                String id = sheets.cell("Day 1", 2, ID);
                assertThat(UUID.fromString(id).toString()).isEqualTo(id);
                Await.until("the event in the database", () -> event(db, id) != null);
                Map<String, String> e = event(db, id);
                assertThat(e.get("sheet_name")).isEqualTo("Day 1");
                assertThat(e.get("event_start")).isEqualTo("2026-11-13 22:00:00");
                assertThat(e.get("event_end")).contains("2026-11-13 22:05:00");
                assertThat(e.get("category")).isEqualTo("Highlight");
                assertThat(e.get("description")).isEqualTo("The bus hits a bug");
                assertThat(e.get("submitter_winner")).isEqualTo("viewer42");
                assertThat(e.get("image_links")).isEqualTo("{https://img.example/1.png,https://img.example/2.png}");
                assertThat(e.get("notes")).isEqualTo("a note");
                assertThat(e.get("tags")).isEqualTo("{bug,funny}");
                assertThat(e.get("state")).isEqualTo("UNEDITED");
                Await.until("state and edit link written back", () -> sheets.cell("Day 1", 2, STATE).equals("UNEDITED")
                        && sheets.cell("Day 1", 2, EDIT).equals("https://clips.example/editor/?id=" + id));

                // the operator fixes the description: the database follows
                sheets.setCell("Day 1", 2, DESCRIPTION, "The bus hits a bug (again)");
                Await.until("description in the database",
                        () -> event(db, id).get("description").equals("The bus hits a bug (again)"));

                // the video is published: the sheet shows it
                SheetSyncFixture.update(db, "UPDATE events SET state = 'DONE', video_id = 'abc', video_link = ?,"
                        + " upload_time = now(), editor = 'ed@example.org', edit_time = now(), upload_location = 'yt'"
                        + " WHERE id = ?", "https://youtu.be/abc", id);
                Await.until("DONE and the link in the sheet", () -> sheets.cell("Day 1", 2, STATE).equals("DONE")
                        && sheets.cell("Day 1", 2, VIDEO).equals("https://youtu.be/abc"));
                SheetSyncFixture.update(db, "UPDATE events SET error = 'thumbnail failed' WHERE id = ?", id);
                Await.until("the error in the sheet", () -> sheets.cell("Day 1", 2, ERROR).equals("thumbnail failed"));
                // unmarking the row takes its edit link away
                sheets.setCell("Day 1", 2, 7, "");
                Await.until("edit link cleared", () -> sheets.cell("Day 1", 2, EDIT).isEmpty());

                // quiet sheet: passes go on reading, and write nothing
                int written = sheets.writtenCells().size();
                int reads = sheets.reads();
                Await.until("eight more passes", () -> sheets.reads() >= reads + 8);
                assertThat(sheets.writtenCells()).hasSize(written);
                // ordinary passes read only the most recently changed worksheet, every 4th all three
                assertThat(sheets.readRanges().subList(reads, reads + 8)).extracting(java.util.List::size)
                        .contains(1, 3).doesNotContain(2);
                assertThat(sheets.readRanges().subList(reads, reads + 8).stream().filter(r -> r.size() == 1))
                        .allSatisfy(r -> assertThat(r).containsExactly("'Day 1'!A1:P"));

                assertThat(SheetSyncFixture.metric(node, "streamvault_sheetsync_rows_found", "worksheet=\"Day 1\""))
                        .isEqualTo(1);
                // the row is deleted from the sheet: the event stays
                sheets.deleteRow("Day 1", 2);
                int after = sheets.reads();
                Await.until("a full pass after the deletion", () -> sheets.reads() >= after + 5);
                assertThat(event(db, id)).isNotNull();
                assertThat(event(db, id).get("description")).isEqualTo("The bus hits a bug (again)");
                assertThat(SheetSyncFixture.metric(node, "streamvault_sheetsync_rows_found", "worksheet=\"Day 1\""))
                        .isEqualTo(0);

                assertThat(SheetSyncFixture.metric(node, "streamvault_sheetsync_passes_total", "outcome=\"ok\""))
                        .isGreaterThan(10);
                assertThat(SheetSyncFixture.metric(node, "streamvault_sheetsync_rows_changed_total",
                        "worksheet=\"Day 1\"")).isGreaterThanOrEqualTo(2);
                assertThat(SheetSyncFixture.metric(node, "streamvault_sheetsync_ids_allocated_total", "")).isEqualTo(1);
            }
            assertThat(sheets.violations()).isEmpty();
        }
    }
}

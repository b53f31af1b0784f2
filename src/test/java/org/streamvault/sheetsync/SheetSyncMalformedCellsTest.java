package org.streamvault.sheetsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamvault.sheetsync.SheetSyncFixture.DESCRIPTION;
import static org.streamvault.sheetsync.SheetSyncFixture.ID;
import static org.streamvault.sheetsync.SheetSyncFixture.POSTER;
import static org.streamvault.sheetsync.SheetSyncFixture.STATE;
import static org.streamvault.sheetsync.SheetSyncFixture.event;
import static org.streamvault.sheetsync.SheetSyncFixture.metric;
import static org.streamvault.sheetsync.SheetSyncFixture.row;
import static org.streamvault.sheetsync.SheetSyncFixture.withHeader;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.testing.Await;
import org.streamvault.testing.FakeSheets;
import org.streamvault.testing.TestDatabase;
import org.streamvault.testing.TestNode;

/**
 * What operators get wrong: a cell that does not read leaves its column alone (the rest of the
 * row still syncs) and is counted; a copied row's duplicate id loses to the first; a row with
 * no id and nothing to make an event of is skipped; {@code --} makes the end the start.
 */
class SheetSyncMalformedCellsTest {
    @TempDir
    Path dir;

    @Test
    void badCellsDuplicateIdsAndIncompleteRowsAreSkippedOneByOne() throws Exception {
        String id = UUID.randomUUID().toString();
        String moment = "day1-moment-7"; // ids are any text, as wubloader's sheets have them
        try (TestDatabase db = TestDatabase.create(); FakeSheets sheets = new FakeSheets()) {
            sheets.addWorksheet("Day 1", withHeader(
                    row("2:00", "2:10", "Game", "Bus game", "", "[\u2713]", "", "", "", "", "", "", "", "", "", id),
                    row("3:00", "--", "Moment", "A moment", "", "", "", "", "", "", "", "", "", "", "", moment)));
            try (TestNode node = SheetSyncFixture.start(dir, db, sheets, "Day 1")) {
                Await.until("both rows in the database", () -> event(db, id) != null && event(db, moment) != null);
                assertThat(event(db, id).get("poster_moment")).isEqualTo("t");
                // a dashed end stays dashed, its value the event's start
                assertThat(event(db, moment).get("event_end")).isEqualTo("(t,\"2026-11-14 00:00:00\")");

                // the operator breaks two cells of the row and fixes its description at the same time
                sheets.setCell("Day 1", 2, 0, "two o'clock");
                sheets.setCell("Day 1", 2, POSTER, "maybe");
                sheets.setCell("Day 1", 2, DESCRIPTION, "Bus game, round 2");
                // a copy of the row (same id) further down, and a half-typed row with no description
                sheets.setRow("Day 1", 4, row("2:00", "2:10", "Game", "Copied row", "", "", "", "", "", "", "", "",
                        "", "", "", id));
                sheets.setRow("Day 1", 5, row("4:00", "", "Game"));
                Await.until("the description in the database",
                        () -> event(db, id).get("description").equals("Bus game, round 2"));
                // the broken cells kept their values; the copy changed nothing
                assertThat(event(db, id).get("event_start")).isEqualTo("2026-11-13 23:00:00");
                assertThat(event(db, id).get("poster_moment")).isEqualTo("t");
                Await.until("problems counted", () -> metric(node, "streamvault_sheetsync_sheet_problems",
                        "kind=\"duplicate_id\"") == 1);
                assertThat(metric(node, "streamvault_sheetsync_sheet_problems", "kind=\"malformed_time\"")).isEqualTo(1);
                assertThat(metric(node, "streamvault_sheetsync_sheet_problems", "kind=\"malformed_boolean\"")).isEqualTo(1);
                assertThat(metric(node, "streamvault_sheetsync_sheet_problems", "kind=\"missing_id\"")).isEqualTo(1);
                assertThat(event(db, id).get("description")).isEqualTo("Bus game, round 2");
                assertThat(SheetSyncFixture.count(db)).isEqualTo(2);
                // the skipped rows get nothing written; the copy is not given the original's state
                assertThat(sheets.cell("Day 1", 5, ID)).isEmpty();
                assertThat(sheets.cell("Day 1", 4, STATE)).isEmpty();
                assertThat(sheets.cell("Day 1", 2, STATE)).isEqualTo("UNEDITED");

                // fixed cells sync again, and a completed row gets its id
                sheets.setCell("Day 1", 2, 0, "2:30");
                sheets.setCell("Day 1", 5, DESCRIPTION, "Now with a description");
                Await.until("the fixed time", () -> "2026-11-13 23:30:00".equals(event(db, id).get("event_start")));
                Await.until("an id for the completed row", () -> !sheets.cell("Day 1", 5, ID).isEmpty());
                Await.until("problems cleared", () -> metric(node, "streamvault_sheetsync_sheet_problems",
                        "kind=\"malformed_time\"") == 0);
                assertThat(metric(node, "streamvault_sheetsync_sheet_problems", "kind=\"missing_id\"")).isEqualTo(0);
            }
            assertThat(sheets.violations()).isEmpty();
        }
    }
}

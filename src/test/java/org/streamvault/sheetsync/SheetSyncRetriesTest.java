package org.streamvault.sheetsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamvault.sheetsync.SheetSyncFixture.ID;
import static org.streamvault.sheetsync.SheetSyncFixture.event;
import static org.streamvault.sheetsync.SheetSyncFixture.metric;
import static org.streamvault.sheetsync.SheetSyncFixture.row;
import static org.streamvault.sheetsync.SheetSyncFixture.withHeader;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.testing.Await;
import org.streamvault.testing.FakeSheets;
import org.streamvault.testing.TestDatabase;
import org.streamvault.testing.TestNode;

/**
 * The API misbehaving: quota (429) and server (5xx) errors are retried with backoff, an expired
 * token is refreshed through the token endpoint, and a spreadsheet that keeps failing turns the
 * node's readiness DOWN until it answers again.
 */
class SheetSyncRetriesTest {
    @TempDir
    Path dir;

    @Test
    void quotaAndServerErrorsAreRetriedAndExpiredTokensRefreshed() throws Exception {
        try (TestDatabase db = TestDatabase.create(); FakeSheets sheets = new FakeSheets()) {
            sheets.addWorksheet("Day 1", withHeader(row("1:00", "1:30", "Cat", "First event")));
            sheets.failNext(2, 429);
            sheets.failNext(1, 503);
            try (TestNode node = SheetSyncFixture.start(dir, db, sheets, "Day 1")) {
                Await.until("an id in the sheet", () -> !sheets.cell("Day 1", 2, ID).isEmpty());
                String first = sheets.cell("Day 1", 2, ID);
                Await.until("the event in the database", () -> event(db, first) != null);
                assertThat(metric(node, "streamvault_sheetsync_api_retries_total", "reason=\"429\"")).isEqualTo(2);
                assertThat(metric(node, "streamvault_sheetsync_api_retries_total", "reason=\"5xx\"")).isEqualTo(1);
                assertThat(metric(node, "streamvault_sheetsync_errors_total", "")).isEqualTo(-1);

                int tokens = sheets.tokensIssued();
                sheets.revokeTokens();
                sheets.setRow("Day 1", 3, row("2:00", "2:30", "Cat", "After the token expired"));
                Await.until("the second row's id", () -> !sheets.cell("Day 1", 3, ID).isEmpty());
                assertThat(sheets.tokensIssued()).isGreaterThan(tokens);
                assertThat(sheets.unauthorized()).isGreaterThan(0);
                assertThat(metric(node, "streamvault_sheetsync_errors_total", "")).isEqualTo(-1);
            }
            assertThat(sheets.violations()).isEmpty();
        }
    }

    @Test
    void readinessIsDownWhileEveryPassFailsAndUpWhenTheyWorkAgain() throws Exception {
        try (TestDatabase db = TestDatabase.create(); FakeSheets sheets = new FakeSheets()) {
            sheets.addWorksheet("Day 1", withHeader());
            sheets.failNext(1_000_000, 500);
            try (TestNode node = SheetSyncFixture.start(dir, db, sheets, "Day 1",
                    "streamvault.sheetsync.retry-attempts", "2", "streamvault.sheetsync.health-failures", "3")) {
                Await.until("readiness DOWN", () -> node.get("/observe/health/ready").statusCode() == 503);
                HttpResponse<String> ready = node.get("/observe/health/ready?exposureLevel=full");
                assertThat(ready.body()).contains("sheetsync", "the last", "500");
                assertThat(metric(node, "streamvault_sheetsync_errors_total", "kind=\"api\"")).isGreaterThanOrEqualTo(3);
                assertThat(metric(node, "streamvault_sheetsync_passes_total", "outcome=\"ok\"")).isEqualTo(-1);
                sheets.clearFailures();
                Await.until("readiness UP", () -> node.get("/observe/health/ready").statusCode() == 200);
            }
        }
    }
}

package org.streamvault.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.db.Database;
import org.streamvault.testing.EventRows;
import org.streamvault.testing.TestDatabase;
import org.streamvault.testing.TestNode;

/** The editor's switches: off by default, refusing to start half-configured, and authentication off. */
class EditorSwitchesTest {
    static TestDatabase testDb;

    @TempDir
    Path base;

    @BeforeAll
    static void setUp() throws Exception {
        testDb = TestDatabase.create();
        TestNode.initialise(testDb);
    }

    @AfterAll
    static void tearDown() throws Exception {
        testDb.close();
    }

    @Test
    void editorIsOffByDefault() throws Exception {
        try (TestNode node = TestNode.start(base)) {
            assertThat(node.get("/thrimshim").statusCode()).isEqualTo(404);
            assertThat(node.get("/editor/").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void refusesToStartWithoutADatabase() {
        assertThatThrownBy(() -> TestNode.start(base, "streamvault.editor.enabled", "true").close())
                .hasMessageContaining("the editor needs a database: set streamvault.db.url");
    }

    @Test
    void refusesToStartWithAuthenticationButNoAudience() {
        assertThatThrownBy(() -> TestNode.start(base, "streamvault.editor.enabled", "true", "streamvault.db.url",
                testDb.url(), "streamvault.db.user", testDb.user()).close())
                .hasMessageContaining("streamvault.editor.auth.audience");
    }

    @Test
    void anUnreachableDatabaseIsA503NotA500() throws Exception {
        String nowhere = "jdbc:postgresql://127.0.0.1:" + TestNode.freePort() + "/nothing";
        try (TestNode node = TestNode.start(base, "streamvault.editor.enabled", "true", "streamvault.db.url", nowhere,
                "streamvault.editor.auth.enabled", "false")) {
            HttpResponse<String> r = node.get("/thrimshim");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).isEqualTo("the database is unavailable; try again shortly\n");
            // the page itself needs no database
            assertThat(node.get("/editor/").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withoutAuthenticationWritesAreByNotAuth() throws Exception {
        EventRows rows = new EventRows(testDb);
        String id = rows.insertUnedited("Wednesday", "2026-11-18T10:00:00", null, "", "");
        try (TestNode node = TestNode.start(base, "streamvault.editor.enabled", "true", "streamvault.db.url",
                testDb.url(), "streamvault.db.user", testDb.user(), "streamvault.editor.auth.enabled", "false")) {
            JsonNode defaults = new ObjectMapper().readTree(node.get("/thrimshim/defaults").body());
            assertThat(defaults.get("auth_enabled").asBoolean()).isFalse();
            assertThat(defaults.get("title_prefix").asText()).isEmpty();
            HttpResponse<String> r = node.post("/thrimshim/reset/" + id, null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            HttpResponse<String> link = node.post("/thrimshim/manual-link/" + id, "{\"link\": \"https://clips.example/1\"}");
            assertThat(link.statusCode()).as(link.body()).isEqualTo(200);
            assertThat(rows.get(id)).containsEntry("state", "DONE").containsEntry("editor", "NOT_AUTH");
        }
    }
}

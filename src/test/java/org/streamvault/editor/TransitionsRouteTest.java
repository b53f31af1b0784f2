package org.streamvault.editor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.streamvault.testing.TestDatabase;
import org.streamvault.testing.TestNode;

/** {@code GET /thrimshim/transitions} on a real node: every transition this machine's ffmpeg can make, described. */
class TransitionsRouteTest {
    static TestDatabase testDb;
    static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        testDb = TestDatabase.create();
        node = TestNode.start(Files.createTempDirectory("transitions"), "streamvault.editor.enabled", "true",
                "streamvault.db.url", testDb.url(), "streamvault.db.user", testDb.user(),
                "streamvault.restreamer.enabled", "false", "streamvault.editor.auth.audience", "test-audience");
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
        testDb.close();
    }

    @Test
    void listsNameAndDescriptionOfTransitionsFfmpegKnows() throws Exception {
        HttpResponse<String> r = node.get("/thrimshim/transitions");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode list = new ObjectMapper().readTree(r.body());
        List<String> names = new ArrayList<>();
        for (JsonNode t : list) {
            assertThat(t.size()).as(t.toString()).isEqualTo(2);
            assertThat(t.path("description").asText()).as(t.toString()).isNotBlank();
            names.add(t.path("name").asText());
        }
        assertThat(names).contains("fade", "wipeleft", "dissolve").doesNotHaveDuplicates().doesNotContain("custom");
        assertThat(ffmpegTransitions()).containsAll(names);
    }

    /** The transitions {@code ffmpeg -h filter=xfade} lists on this machine. */
    private static List<String> ffmpegTransitions() throws Exception {
        Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-h", "filter=xfade").redirectErrorStream(true).start();
        String help = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\s+(\\w+)\\s+-?\\d+\\s+\\.\\.FV").matcher(help);
        while (m.find()) {
            out.add(m.group(1));
        }
        assertThat(out).as(help).contains("fade");
        return out;
    }
}

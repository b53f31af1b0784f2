package org.streamvault.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.Await;
import org.streamvault.testing.EventRows;
import org.streamvault.testing.LogCapture;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestDatabase;
import org.streamvault.testing.TestNode;

/**
 * SPEC §12: a deployment's own routes, from {@code streamvault.routes.extra-dir}, subscribe to the
 * node's events. The README's chat example, copied as it is, posts a cut video to a webhook.
 */
class ExtraRoutesTest {
    @TempDir
    Path dir;
    private HttpServer sink;
    private final List<Post> posts = new CopyOnWriteArrayList<>();

    private record Post(String method, String path, String contentType, String body) {
    }

    @BeforeEach
    void startSink() throws Exception {
        sink = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        sink.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            posts.add(new Post(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), new String(body, StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        sink.start();
    }

    @AfterEach
    void stopSink() {
        sink.stop(0);
    }

    private Path extraDir(String... examples) throws Exception {
        Path extra = Files.createDirectories(dir.resolve("my-routes"));
        for (String example : examples) {
            Files.copy(TestNode.projectRoot().resolve("docs/examples/routes").resolve(example), extra.resolve(example));
        }
        return extra;
    }

    @Test
    void chatExamplePostsTheTitleAndLinkOfEveryPublishedVideo() throws Exception {
        Path store = dir.resolve("segments");
        new StoreBuilder(store, "desertbus", "source").addMedia(Timestamps.parseUtc("2026-11-20T14:05:00"), 4, "2.0");
        String locations = "{\"local\": {\"type\": \"local\", \"path\": \"" + dir.resolve("clips")
                + "\", \"cut_type\": \"fast\", \"url_prefix\": \"https://clips.example/\"}}";
        String title = "The \"best\" moment";
        try (TestDatabase db = TestDatabase.create(); LogCapture logs = LogCapture.start();
                TestNode node = TestNode.start(store, "streamvault.cutter.enabled", "true",
                        "streamvault.restreamer.enabled", "false", "streamvault.db.url", db.url(),
                        "streamvault.db.user", db.user(), "streamvault.cutter.poll-interval", "200",
                        "streamvault.cutter.upload-locations", locations,
                        "streamvault.routes.extra-dir", extraDir("chat-on-video-published.yaml").toString(),
                        "chat.webhook-url", "http://127.0.0.1:" + sink.getAddress().getPort() + "/api/webhooks/1/abc")) {
            assertThat(node.camelContext().getRoute("chat-on-video-published")).isNotNull();
            EventRows rows = new EventRows(db);
            String id = rows.insertEdited(title, "2026-11-20T14:05:01", "2026-11-20T14:05:07", "desertbus", "source",
                    "local", false);
            Await.until("a post at the chat webhook", () -> !posts.isEmpty());
            String link = rows.get(id).get("video_link");
            assertThat(rows.get(id).get("state")).isEqualTo("DONE");
            assertThat(link).startsWith("https://clips.example/");

            Post post = posts.get(0);
            assertThat(post.method()).isEqualTo("POST");
            assertThat(post.path()).isEqualTo("/api/webhooks/1/abc");
            assertThat(post.contentType()).startsWith("application/json");
            JsonNode json = new ObjectMapper().readTree(post.body());
            assertThat(json.get("content").asText()).isEqualTo("New video: " + title + " " + link);
            assertThat(json.get("text").asText()).isEqualTo(json.get("content").asText());
            Thread.sleep(500);
            assertThat(posts).hasSize(1);
            assertThat(logs.withStackTraces()).isEmpty();
        }
    }

    @Test
    void theReadmeShowsEachExampleRouteVerbatim() throws Exception {
        String readme = Files.readString(TestNode.projectRoot().resolve("README.md"));
        for (String example : List.of("chat-on-video-published.yaml", "log-suspect-segments.yaml")) {
            String yaml = Files.readString(TestNode.projectRoot().resolve("docs/examples/routes").resolve(example));
            assertThat(readme).as("README shows " + example).contains("```yaml\n" + yaml + "```");
        }
    }

    @Test
    void aNamedExtraDirectoryThatIsMissingStopsTheStartInOneLine() {
        assertThatThrownBy(() -> TestNode.start(dir, "streamvault.routes.extra-dir", dir.resolve("nope").toString()))
                .hasMessageContaining("streamvault.routes.extra-dir")
                .hasMessageContaining("no such directory");
    }
}

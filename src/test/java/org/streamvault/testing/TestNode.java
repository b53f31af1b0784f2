package org.streamvault.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.streamvault.config.StreamvaultMain;

/**
 * A real Streamvault node for tests: the production {@code application.properties} and YAML
 * routes, a fresh base directory, a free port on loopback, plus any overrides. Close it to stop.
 */
public final class TestNode implements AutoCloseable {
    // HTTP/1.1, as Prometheus, peers, curl and browsers over plain HTTP talk to a node. (The JDK
    // client would otherwise upgrade to h2c, where a /metrics answer was seen to stall after its
    // head in two full runs out of many; see the session note.)
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final Main main;
    private final int port;
    private final Path baseDir;

    private TestNode(Main main, int port, Path baseDir) {
        this.main = main;
        this.port = port;
        this.baseDir = baseDir;
    }

    /** Starts a node serving {@code baseDir}; {@code overrides} are {@code key, value, key, value...}. */
    public static TestNode start(Path baseDir, String... overrides) throws Exception {
        if (overrides.length % 2 != 0) {
            throw new IllegalArgumentException("overrides come in key, value pairs");
        }
        int port = freePort();
        Map<String, String> props = new LinkedHashMap<>();
        props.put("streamvault.base-dir", baseDir.toString());
        props.put("streamvault.http.port", Integer.toString(port));
        props.put("camel.server.host", "127.0.0.1");
        // The management port keeps its default host (loopback) but needs a free port of its own.
        props.put("streamvault.management.port", Integer.toString(freePort()));
        // Tests never leave loopback: a stream without its own source would otherwise resolve
        // through Twitch's real API. Port 9 (discard) refuses at once; tests may override these.
        props.put("streamvault.twitch.gql-url", "http://127.0.0.1:9/gql");
        props.put("streamvault.twitch.usher-url", "http://127.0.0.1:9");
        for (int i = 0; i < overrides.length; i += 2) {
            props.put(overrides[i], overrides[i + 1]);
        }
        List<String[]> pairs = new ArrayList<>();
        props.forEach((k, v) -> pairs.add(new String[] {k, v}));
        Main main = StreamvaultMain.create(projectRoot(), pairs);
        main.start();
        return new TestNode(main, port, baseDir);
    }

    /**
     * Starts and stops a node that has only {@code db} configured (no component), which applies
     * the schema at start-up as every node does; for tests that insert rows before their nodes start.
     */
    public static void initialise(TestDatabase db) throws Exception {
        try (TestNode node = start(Files.createTempDirectory("schema-node"), "streamvault.db.url", db.url(), "streamvault.db.user", db.user(),
                "streamvault.restreamer.enabled", "false")) {
            org.streamvault.db.NodeDatabase nodeDb = node.camelContext().getRegistry()
                    .lookupByNameAndType("nodeDatabase", org.streamvault.db.NodeDatabase.class);
            if (!nodeDb.isReady()) {
                throw new IllegalStateException("the node did not apply the schema: " + nodeDb.notReadyReason());
            }
        }
    }

    /** The checkout's root, where application.properties and routes/ live. */
    public static Path projectRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("application.properties"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("run tests from inside the Streamvault checkout");
        }
        return p;
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public Path baseDir() {
        return baseDir;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The management port (Jolokia), on loopback unless the test moved it. */
    public int managementPort() {
        return Integer.parseInt(main.getCamelContext().resolvePropertyPlaceholders("{{streamvault.management.port}}"));
    }

    /** A URL on the management port, e.g. {@code managementUrl("/jolokia")}. */
    public String managementUrl(String path) {
        return "http://127.0.0.1:" + managementPort() + path;
    }

    public CamelContext camelContext() {
        return main.getCamelContext();
    }

    /** GET {@code path}, body as text. */
    public HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        return exchange(request(path, headers).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET {@code path}, body as bytes. */
    public HttpResponse<byte[]> getBytes(String path, String... headers) throws IOException, InterruptedException {
        return exchange(request(path, headers).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Any method, body discarded. */
    public HttpResponse<String> send(String method, String path, String... headers)
            throws IOException, InterruptedException {
        return exchange(request(path, headers).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** POST {@code body} (UTF-8) to {@code path}, body of the answer as text. */
    public HttpResponse<String> post(String path, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return exchange(request(path, headers).POST(publisher).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Sends and waits for the whole answer, body included, for at most a minute: the request
     * timeout only covers the head, and a body that stalls would otherwise hang the test run.
     */
    private static <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<T>> answer = HTTP.sendAsync(request, body);
        try {
            return answer.get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new IOException("no complete answer to " + request.method() + " " + request.uri()
                    + " within 60 s", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    @Override
    public void close() {
        main.stop();
    }
}

package org.streamvault.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A misbehaving peer for tests: a real HTTP server on loopback whose every answer comes from the
 * given handler (garbage listings, error statuses, slow bodies). Each request has its own thread,
 * so a handler that stalls one answer does not stall the others.
 */
public final class FakePeer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private boolean closed;

    private final List<String> requests = new CopyOnWriteArrayList<>();

    private FakePeer(HttpHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
            handler.handle(exchange);
        });
        server.setExecutor(threads);
        server.start();
    }

    public static FakePeer start(HttpHandler handler) throws IOException {
        return new FakePeer(handler);
    }

    /** How a {@link #serving} peer lists an hour's tombstones. */
    public enum Tombstones {
        /** As wubloader's restreamer: only when asked with {@code ?tombstones=true}. */
        ONLY_WHEN_ASKED,
        /** As an older Streamvault: always, ignoring the parameter (and listing junk names too). */
        ALWAYS
    }

    /**
     * A peer serving the store under {@code baseDir} with the {@code /files} and
     * {@code /segments} API: every non-hidden name in a listing, except that an hour's
     * tombstones are listed as {@code tombstones} says. Unknown paths are 404.
     */
    public static FakePeer serving(Path baseDir, Tombstones tombstones) throws IOException {
        return start(exchange -> {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getQuery();
            String[] parts = path.substring(1).split("/");
            if (parts[0].equals("files") && parts.length <= 4) {
                Path dir = baseDir;
                for (int i = 1; i < parts.length; i++) {
                    dir = dir.resolve(parts[i]);
                }
                boolean asked = query != null && List.of(query.split("&")).contains("tombstones=true");
                boolean hour = parts.length == 4;
                List<String> names = new ArrayList<>();
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> list = Files.list(dir)) {
                        list.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("."))
                                .filter(n -> !hour || !n.endsWith(".tombstone") || asked
                                        || tombstones == Tombstones.ALWAYS)
                                .sorted().forEach(names::add);
                    }
                }
                answer(exchange, 200, JSON.writeValueAsString(names));
            } else if (parts[0].equals("segments") && parts.length == 5
                    && Files.isRegularFile(baseDir.resolve(path.substring("/segments/".length())))) {
                answer(exchange, 200, "video/MP2T",
                        Files.readAllBytes(baseDir.resolve(path.substring("/segments/".length()))));
            } else {
                answer(exchange, 404, "text/plain", "not found\n".getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    /** Every request so far, as path and query ({@code /files/c/q/h?tombstones=true}). */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** The base URL, {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Sends a whole answer. */
    public static void answer(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    public static void answer(HttpExchange exchange, int status, String text) throws IOException {
        answer(exchange, status, "application/json", text.getBytes(StandardCharsets.UTF_8));
    }

    /** Stops answering and interrupts stalled handlers; closing again does nothing. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            server.stop(0);
            threads.shutdownNow();
        }
    }
}

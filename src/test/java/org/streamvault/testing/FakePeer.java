package org.streamvault.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A misbehaving peer for tests: a real HTTP server on loopback whose every answer comes from the
 * given handler (garbage listings, error statuses, slow bodies). Each request has its own thread,
 * so a handler that stalls one answer does not stall the others.
 */
public final class FakePeer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private boolean closed;

    private FakePeer(HttpHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", handler);
        server.setExecutor(threads);
        server.start();
    }

    public static FakePeer start(HttpHandler handler) throws IOException {
        return new FakePeer(handler);
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

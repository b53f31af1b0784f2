package org.streamvault.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Why {@link OriginClient} exists instead of a camel-http {@code to}: with Camel 4.14,
 * {@code disableStreamCache=true} does not give a live body. camel-http drains the response
 * before {@code to} returns and hands back a closed stream, so a segment could be neither hashed
 * as it arrives, nor timed, nor aborted mid-body. If a Camel upgrade makes this test fail, the
 * downloader can go back to camel-http.
 */
class CamelHttpStreamingTest {
    private static final int CHUNKS = 6;
    private static final long CHUNK_DELAY_MS = 300;
    private HttpServer server;

    @BeforeEach
    void startDrippingServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        server.createContext("/drip", ex -> {
            ex.sendResponseHeaders(200, CHUNKS * 100_000L);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < CHUNKS; i++) {
                    out.write(new byte[100_000]);
                    out.flush();
                    sleep();
                }
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void camelHttpDrainsTheBodyBeforeToReturns() throws Exception {
        CamelContext camel = new DefaultCamelContext();
        try {
            camel.start();
            long start = System.nanoTime();
            Exchange ex = camel.createProducerTemplate().send("http://127.0.0.1:" + server.getAddress().getPort()
                    + "/drip?disableStreamCache=true", e -> { });
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isGreaterThan(Duration.ofMillis((CHUNKS - 1) * CHUNK_DELAY_MS));
            InputStream body = ex.getMessage().getBody(InputStream.class);
            assertThatThrownBy(body::read).isInstanceOf(IOException.class);
        } finally {
            camel.stop();
        }
    }

    @Test
    void originClientReturnsAtTheHeadWithTheBodyStillArriving() throws Exception {
        try (OriginClient client = new OriginClient(Duration.ofSeconds(5), Duration.ofSeconds(10), 4)) {
            long start = System.nanoTime();
            try (OriginClient.Exchange ex = client.get(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                    + "/drip"))) {
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(CHUNK_DELAY_MS * 2));
                assertThat(ex.body().readAllBytes()).hasSize(CHUNKS * 100_000);
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(CHUNK_DELAY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

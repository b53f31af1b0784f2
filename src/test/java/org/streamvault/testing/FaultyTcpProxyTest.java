package org.streamvault.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fixture itself: what it says it did is what a client on the other side sees. */
class FaultyTcpProxyTest {
    private static final byte[] BODY = new byte[100_000];
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static {
        new Random(3).nextBytes(BODY);
    }

    private static FakePeer server() throws IOException {
        return FakePeer.start(ex -> {
            if (ex.getRequestURI().getPath().equals("/small")) {
                FakePeer.answer(ex, 200, "[\"small\"]");
            } else {
                FakePeer.answer(ex, 200, "video/MP2T", BODY);
            }
        });
    }

    private static int port(FakePeer peer) {
        return URI.create(peer.url()).getPort();
    }

    private static HttpResponse<byte[]> get(FaultyTcpProxy proxy, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(proxy.url() + path)).timeout(Duration.ofSeconds(10))
                .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void cutsAboutTheConfiguredShareOfResponsesAndPassesTheRestIntact() throws Exception {
        try (FakePeer peer = server();
                FaultyTcpProxy proxy = FaultyTcpProxy.start(port(peer), FaultyTcpProxy.Faults.NONE.withCut(0.3)
                        .withMinBodyBytes(1000).withSeed(7))) {
            int failed = 0;
            for (int i = 0; i < 60; i++) {
                try {
                    assertThat(get(proxy, "/small").body()).asString().isEqualTo("[\"small\"]");
                    HttpResponse<byte[]> r = get(proxy, "/big");
                    assertThat(r.body()).isEqualTo(BODY);
                } catch (IOException e) {
                    failed++;
                }
            }
            assertThat(proxy.cuts()).isEqualTo(failed).isBetween(8, 30);
            assertThat(proxy.responses()).isEqualTo(120);
            // the connection is reused between cuts: faults are per response, not per connection
            assertThat(proxy.connections()).isLessThan(proxy.responses());
        }
    }

    @Test
    void stallsAndTricklesDelayTheBodyButDeliverItWhole() throws Exception {
        try (FakePeer peer = server();
                FaultyTcpProxy proxy = FaultyTcpProxy.start(port(peer), FaultyTcpProxy.Faults.NONE
                        .withStall(1.0, Duration.ofMillis(400), Duration.ofMillis(500)))) {
            long start = System.nanoTime();
            assertThat(get(proxy, "/big").body()).isEqualTo(BODY);
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(400);
            assertThat(proxy.stalls()).isEqualTo(1);

            proxy.faults(FaultyTcpProxy.Faults.NONE.withTrickle(1.0, 200_000));
            start = System.nanoTime();
            assertThat(get(proxy, "/big").body()).isEqualTo(BODY);
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(400);
            assertThat(proxy.trickles()).isEqualTo(1);
        }
    }
}

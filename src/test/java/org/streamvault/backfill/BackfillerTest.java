package org.streamvault.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.testing.Await;

/** The backfiller's scheduling, with a scripted peer client and peer sources. */
class BackfillerTest {
    @TempDir
    Path base;

    /**
     * A database that is down takes its connection timeout (seconds) to say so. Passes against
     * the other peers must go on meanwhile: the refresh reads its sources without holding the
     * lock that starting passes needs.
     */
    @Test
    void aPeerSourceThatHangsDoesNotHoldUpPasses() throws Exception {
        AtomicBoolean databaseDown = new AtomicBoolean();
        CountDownLatch inSlowRead = new CountDownLatch(1);
        CountDownLatch databaseAnswers = new CountDownLatch(1);
        PeerSource database = new PeerSource() {
            @Override
            public String describe() {
                return "a database that hangs";
            }

            @Override
            public List<Peer> peers() throws IOException {
                if (databaseDown.get()) {
                    inSlowRead.countDown();
                    try {
                        // bounded, so a backfiller that waits for this fails the test instead of hanging it
                        databaseAnswers.await(3, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IOException("connection timed out");
                }
                return List.of();
            }
        };
        AtomicInteger listings = new AtomicInteger();
        PeerClient client = new PeerClient() {
            @Override
            public List<String> list(Peer peer, String... pathParts) {
                listings.incrementAndGet();
                return List.of();
            }

            @Override
            public FetchOutcome fetch(Peer peer, String channel, String quality, String hour, String name,
                    Path hourDir) throws IOException {
                throw new IOException("nothing to fetch in this test");
            }
        };
        PeerList peers = new PeerList(List.of(new StaticPeers("http://127.0.0.1:9"), database), "self", List.of());
        BackfillMetrics metrics = new BackfillMetrics(SimpleMeterRegistry::new);
        PeerPass pass = new PeerPass(client, base, List.of("c"), List.of("q"), BackfillWindow.parse("", 0), metrics,
                () -> System.currentTimeMillis() * 1000, new SplittableRandom(1));
        Backoff everyFiftyMillis = new Backoff(50, 1000, new SplittableRandom(2));
        try (Backfiller backfiller = new Backfiller(peers, pass, everyFiftyMillis, metrics, 1)) {
            backfiller.startDuePasses();
            Await.until("a first pass", Duration.ofSeconds(5), () -> listings.get() >= 1);

            databaseDown.set(true);
            Thread refresh = new Thread(backfiller::refreshPeers, "slow-refresh");
            refresh.start();
            assertThat(inSlowRead.await(5, TimeUnit.SECONDS)).isTrue();
            int before = listings.get();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (listings.get() <= before + 2 && System.nanoTime() < deadline) {
                long started = System.nanoTime();
                backfiller.startDuePasses();
                assertThat(System.nanoTime() - started).as("startDuePasses waited for the refresh")
                        .isLessThan(TimeUnit.MILLISECONDS.toNanos(500));
                Thread.sleep(20);
            }
            assertThat(listings.get()).as("passes while the database hangs").isGreaterThan(before + 2);
            assertThat(refresh.isAlive()).isTrue();

            databaseAnswers.countDown();
            refresh.join(5000);
            assertThat(backfiller.peerUrls()).as("the static peer stays").containsExactly("http://127.0.0.1:9");
        }
    }
}

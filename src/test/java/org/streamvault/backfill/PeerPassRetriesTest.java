package org.streamvault.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.RateLimitedLog;
import org.streamvault.segments.SegmentName;
import org.streamvault.segments.SegmentType;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.LogCapture;

/** A pass against a scripted peer whose files fail in chosen ways. */
class PeerPassRetriesTest {
    private static final Peer PEER = Peer.ofUrl("http://127.0.0.1:9");
    private static final String HOUR = Timestamps.formatHour(
            Timestamps.truncateToHour(System.currentTimeMillis() * 1000) - Timestamps.MICROS_PER_HOUR);

    @TempDir
    Path base;
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    /** One for the whole test, as on a node: a gauge stays bound to the instance that registered it. */
    private final BackfillMetrics metrics = new BackfillMetrics(() -> registry);

    @AfterEach
    void stop() {
        pool.shutdownNow();
        timers.shutdownNow();
    }

    /** How the scripted peer answers a fetch of a file on its n-th request (1 = first). */
    private interface Script {
        FetchOutcome fetch(String name, int n) throws IOException;
    }

    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    private static List<String> names(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(SegmentName.format(i * 2_000_000L, "2.0", SegmentType.FULL, "h" + i));
        }
        return names;
    }

    private PassResult run(List<String> names, Script script, FileFailures files) throws InterruptedException {
        PeerClient client = new PeerClient() {
            @Override
            public List<String> list(Peer peer, String... parts) {
                return parts.length == 2 ? List.of(HOUR) : names;
            }

            @Override
            public FetchOutcome fetch(Peer peer, String channel, String quality, String hour, String name,
                    Path hourDir) throws IOException {
                return script.fetch(name, requests.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet());
            }
        };
        PeerPass pass = new PeerPass(client, base, List.of("c"), List.of("q"), BackfillWindow.parse("", 0),
                metrics, () -> System.currentTimeMillis() * 1000, new SplittableRandom(1),
                new PeerPass.Retries(4, 10));
        return pass.run(PEER, pool, timers, files, new RateLimitedLog(10_000));
    }

    private double failures(String reason) {
        return registry.find("streamvault.backfill.file.failures").tag("reason", reason).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    @Test
    void brokenFilesAreRetriedWithinThePassWhichGoesOnWithTheOthers() throws Exception {
        List<String> names = names(10);
        String flaky = names.get(3);
        String bad = names.get(7);
        PassResult r = run(names, (name, n) -> {
            if (name.equals(flaky) && n <= 2 || name.equals(bad)) {
                throw new IOException("Premature end of Content-Length delimited message body");
            }
            return FetchOutcome.SAVED;
        }, new FileFailures(5, 1000, 10_000));

        assertThat(r.answered()).isTrue();
        assertThat(r.complete()).isTrue();
        assertThat(r.copied()).isEqualTo(9);
        assertThat(r.failedFiles()).isEqualTo(1);
        assertThat(r.missing()).isEqualTo(1);
        assertThat(requests.get(flaky).get()).isEqualTo(3);
        assertThat(requests.get(bad).get()).as("tries of a file that always fails").isEqualTo(4);
        assertThat(r.failedAttempts()).isEqualTo(Map.of(FailureReason.BROKEN, 6));
        assertThat(failures("broken")).isEqualTo(6);
        assertThat(registry.find("streamvault.backfill.missing.files").gauge().value()).isEqualTo(1);
    }

    @Test
    void timeoutsAndHashMismatchesAreCountedByReason() throws Exception {
        List<String> names = names(3);
        PassResult r = run(names, (name, n) -> {
            if (name.equals(names.get(0)) && n == 1) {
                throw new SocketTimeoutException("Read timed out");
            }
            if (name.equals(names.get(1)) && n == 1) {
                return FetchOutcome.HASH_MISMATCH;
            }
            return FetchOutcome.SAVED;
        }, new FileFailures(5, 1000, 10_000));
        assertThat(r.copied()).isEqualTo(3);
        assertThat(r.clean()).isTrue();
        assertThat(r.failedAttempts()).isEqualTo(Map.of(FailureReason.TIMEOUT, 1, FailureReason.HASH_MISMATCH, 1));
    }

    @Test
    void aPeerThatRefusesConnectionsEndsThePassAndTheRestIsLeft() throws Exception {
        List<String> names = names(40);
        AtomicInteger fetched = new AtomicInteger();
        PassResult r = run(names, (name, n) -> {
            if (fetched.incrementAndGet() > 5) {
                throw new ConnectException("Connection refused");
            }
            return FetchOutcome.SAVED;
        }, new FileFailures(5, 1000, 10_000));
        assertThat(r.answered()).isTrue();
        assertThat(r.complete()).isFalse();
        assertThat(r.copied()).isEqualTo(5);
        assertThat(r.missing()).isEqualTo(35);
        assertThat(fetched.get()).as("requests after the first refusal").isLessThan(10);
        assertThat(r.problem()).contains("Connection refused");
    }

    @Test
    void aFileThatKeepsFailingIsBackedOffAfterSomePasses() throws Exception {
        List<String> names = names(2);
        FileFailures files = new FileFailures(3, 60_000, 600_000);
        Script script = (name, n) -> {
            if (name.equals(names.get(1))) {
                throw new IOException("Connection reset");
            }
            return FetchOutcome.ALREADY_PRESENT;
        };
        for (int pass = 1; pass <= 3; pass++) {
            assertThat(run(names, script, files).failedFiles()).isEqualTo(1);
        }
        assertThat(files.persistent()).isEqualTo(1);
        assertThat(registry.find("streamvault.backfill.failing.files").gauge().value()).isEqualTo(1);
        int before = requests.get(names.get(1)).get();
        PassResult fourth = run(names, script, files);
        assertThat(requests.get(names.get(1)).get()).as("requests in the pass after").isEqualTo(before);
        assertThat(fourth.failedFiles()).isZero();
        assertThat(fourth.missing()).isEqualTo(1);
    }

    @Test
    void fileFailuresDoubleTheWaitOfAPersistentFileAndForgetWhatIsNoLongerMissing() {
        FileFailures f = new FileFailures(2, 1000, 5000);
        assertThat(f.failedThisPass("a", 0).retryInMillis()).isZero();
        assertThat(f.due("a", 0)).isTrue();
        FileFailures.Failed second = f.failedThisPass("a", 0);
        assertThat(second.nowPersistent()).isTrue();
        assertThat(second.retryInMillis()).isEqualTo(1000);
        assertThat(f.due("a", 999)).isFalse();
        assertThat(f.due("a", 1000)).isTrue();
        assertThat(f.failedThisPass("a", 1000).retryInMillis()).isEqualTo(2000);
        assertThat(f.failedThisPass("a", 3000).nowPersistent()).isFalse();
        assertThat(f.failedThisPass("a", 7000).retryInMillis()).isEqualTo(5000);
        f.failedThisPass("b", 0);
        f.retainOnly(java.util.Set.of("b"));
        assertThat(f.persistent()).isZero();
        assertThat(f.due("a", 0)).isTrue();
    }

    @Test
    void namesThatAreNotSegmentsAreWarnedAboutOncePerNamePerPassAndDoNotFailIt() throws Exception {
        List<String> names = new ArrayList<>(names(3));
        names.add("junk-1.txt");
        FileFailures files = new FileFailures(5, 1000, 10_000);
        try (LogCapture log = LogCapture.start()) {
            for (int pass = 1; pass <= 2; pass++) {
                PassResult r = run(names, (name, n) -> FetchOutcome.SAVED, files);
                assertThat(r.complete()).isTrue();
                assertThat(r.problem()).isNull();
                assertThat(log.lines("WARN", "PeerPass")).as("pass " + pass).hasSize(pass)
                        .allMatch(l -> l.message().contains("c/q/" + HOUR + "/junk-1.txt")
                                && l.message().contains("not a segment"));
            }
            assertThat(log.withStackTraces()).isEmpty();
        }
        assertThat(requests).doesNotContainKey("junk-1.txt");
    }

    @Test
    void aListingFullOfJunkIsWarnedAboutInAFewLinesAPass() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < PassRun.NOT_SEGMENT_WARNINGS_PER_PASS + 5; i++) {
            names.add("junk-" + i + ".txt");
        }
        try (LogCapture log = LogCapture.start()) {
            run(names, (name, n) -> FetchOutcome.SAVED, new FileFailures(5, 1000, 10_000));
            List<LogCapture.Line> warnings = log.lines("WARN", "PeerPass");
            assertThat(warnings).hasSize(PassRun.NOT_SEGMENT_WARNINGS_PER_PASS + 1);
            assertThat(warnings.getLast().message()).contains("5 more name(s)");
        }
        assertThat(requests).isEmpty();
    }
}

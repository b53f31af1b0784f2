package org.streamvault.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.streamvault.segments.SegmentType;
import org.streamvault.testing.FaultyHlsOrigin;
import org.streamvault.testing.StoreContents;

/** Segments that arrive slowly, broken or enormous. */
class SegmentFaultsTest extends DownloaderTestSupport {

    @Test
    void aStalledSegmentThatFinishesLateIsSuspectAndARetryGetsItFull() throws Exception {
        origin = FaultyHlsOrigin.start(10);
        origin.stall(1, Duration.ofMillis(2500)); // suspect threshold is 1.5 s
        origin.publish(3);
        startNode();
        awaitFull(0, 3);
        await(() -> files(1).stream().anyMatch(f -> f.type() == SegmentType.SUSPECT), Duration.ofSeconds(10),
                () -> "a suspect copy of segment 1");
        StoreContents.File suspect = files(1).stream().filter(f -> f.type() == SegmentType.SUSPECT).findFirst()
                .orElseThrow();
        // the origin finished the stalled response cleanly: the suspect copy is complete here
        assertThat(suspect.bytes()).isEqualTo(origin.bytes(1));
        assertThat(origin.requests(1)).isGreaterThanOrEqualTo(2);
        assertFullFilesAreExactCopies();
        assertThat(metric("streamvault_downloader_segments_total", "type=\"suspect\"")).isEqualTo(1);
        // the retry got it full: no segment is left suspect, so the suspect route saw none
        assertThat(metric("camel_exchanges_total", "routeId=\"downloader-suspect-segment-test-source\"")).isEqualTo(0);
    }

    @Test
    void aSegmentOnlyEverSlowIsLeftSuspectAndCountedAtRouteLevel() throws Exception {
        origin = FaultyHlsOrigin.start(10);
        origin.stallEvery(1, Duration.ofMillis(2500)); // suspect threshold is 1.5 s
        origin.publish(3);
        startNode();
        awaitFull(0, 1);
        awaitFull(2, 3);
        // the fetch ends with its best copy suspect: seen per stream as Hawtio and Prometheus show routes
        await(() -> suspectRouteExchanges() == 1,
                Duration.ofSeconds(40), () -> "one exchange on downloader-suspect-segment-test-source");
        assertThat(files(1)).extracting(StoreContents.File::type).contains(SegmentType.SUSPECT)
                .doesNotContain(SegmentType.FULL);
    }

    @Test
    void aSoftTimeoutStartsAParallelAttemptThatWins() throws Exception {
        origin = FaultyHlsOrigin.start(10);
        origin.stall(1, Duration.ofSeconds(6));
        origin.publish(2);
        startNode("streamvault.downloader.body-soft-timeout-seconds", "0.5",
                "streamvault.downloader.body-hard-timeout-seconds", "20");
        long start = System.nanoTime();
        awaitFull(0, 2);
        // the parallel attempt finished long before the stalled one would have
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(origin.requests(1)).isEqualTo(2);
        Thread.sleep(300);
        // the stalled attempt was dropped once the parallel one had a full copy: no partial, no temp
        assertThat(files(1)).extracting(StoreContents.File::type).containsExactly(SegmentType.FULL);
        assertFullFilesAreExactCopies();
    }

    @Test
    void aSegmentCutMidBodyIsKeptAsPartialThenFetchedFull() throws Exception {
        origin = FaultyHlsOrigin.start(10);
        origin.cut(2);
        origin.publish(4);
        startNode();
        awaitFull(0, 4);
        StoreContents.File partial = files(2).stream().filter(f -> f.type() == SegmentType.PARTIAL).findFirst()
                .orElseThrow(() -> new AssertionError("no partial copy of segment 2: " + describe()));
        assertThat(partial.bytes().length).isEqualTo(origin.bytes(2).length / 2);
        assertThat(partial.hashMatches()).isTrue();
        assertFullFilesAreExactCopies();
        assertThat(files()).noneMatch(f -> f.type() == SegmentType.TEMP);
    }

    @Test
    void aHardBodyTimeoutAbortsAndKeepsWhatArrivedAsPartial() throws Exception {
        origin = FaultyHlsOrigin.start(10);
        origin.stall(1, Duration.ofSeconds(30));
        origin.publish(2);
        startNode("streamvault.downloader.body-soft-timeout-seconds", "30",
                "streamvault.downloader.body-hard-timeout-seconds", "1");
        awaitFull(0, 2);
        assertThat(files(1)).extracting(StoreContents.File::type).contains(SegmentType.PARTIAL, SegmentType.FULL);
        assertFullFilesAreExactCopies();
    }

    @Test
    void aSlowResponseHeadStartsAParallelAttempt() throws Exception {
        origin = FaultyHlsOrigin.start(10);
        origin.slowHead(1, Duration.ofSeconds(6));
        origin.publish(2);
        startNode("streamvault.downloader.head-soft-timeout-seconds", "0.5",
                "streamvault.downloader.head-hard-timeout-seconds", "20");
        long start = System.nanoTime();
        awaitFull(0, 2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(origin.requests(1)).isEqualTo(2);
    }

    @Test
    void aHardHeadTimeoutAbortsAndRetries() throws Exception {
        origin = FaultyHlsOrigin.start(10);
        origin.slowHead(1, Duration.ofSeconds(10));
        origin.publish(2);
        startNode("streamvault.downloader.head-soft-timeout-seconds", "20",
                "streamvault.downloader.head-hard-timeout-seconds", "1");
        long start = System.nanoTime();
        awaitFull(0, 2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
        assertThat(files(1)).extracting(StoreContents.File::type).containsExactly(SegmentType.FULL);
    }

    @Test
    void aSegmentThatNeverWorksIsGivenUpOn() throws Exception {
        origin = FaultyHlsOrigin.start(10);
        origin.failing(1);
        origin.publish(3);
        startNode("streamvault.downloader.give-up-seconds", "2");
        awaitFull(2, 3);
        Thread.sleep(3000);
        int after = origin.requests(1);
        assertThat(after).isGreaterThan(1);
        Thread.sleep(2000);
        assertThat(origin.requests(1)).as("no requests after giving up").isEqualTo(after);
        assertThat(files(1)).isEmpty();
        assertThat(metric("streamvault_downloader_errors_total", "type=\"segment\"")).isGreaterThan(1);
    }

    @Test
    void anEmptySegmentIsSuspectNotFull() throws Exception {
        origin = FaultyHlsOrigin.start(10);
        origin.empty(1);
        origin.publish(3);
        startNode("streamvault.downloader.give-up-seconds", "2");
        awaitFull(0, 1);
        awaitFull(2, 3);
        await(() -> !files(1).isEmpty(), Duration.ofSeconds(10), () -> "segment 1");
        assertThat(files(1)).extracting(StoreContents.File::type).containsExactly(SegmentType.SUSPECT);
        assertThat(files(1).get(0).bytes()).isEmpty();
        assertThat(files(1).get(0).hashMatches()).isTrue();
    }

    @Test
    void theInitSectionIsPrependedToEverySegment() throws Exception {
        origin = FaultyHlsOrigin.start(10);
        byte[] init = "ftyp-and-moov-stand-in".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        origin.initSection(init);
        origin.publish(3);
        startNode();
        awaitFull(0, 3);
        for (int k = 0; k < 3; k++) {
            StoreContents.File f = files(k).get(0);
            byte[] expected = new byte[init.length + origin.bytes(k).length];
            System.arraycopy(init, 0, expected, 0, init.length);
            System.arraycopy(origin.bytes(k), 0, expected, init.length, origin.bytes(k).length);
            assertThat(f.bytes()).isEqualTo(expected);
            assertThat(f.hashMatches()).isTrue();
        }
    }

    @Test
    void anEnormousSegmentIsStreamedToDiskNotHeldInMemory() throws Exception {
        long size = 400L * 1024 * 1024;
        origin = FaultyHlsOrigin.start(10);
        origin.huge(1, size);
        origin.publish(2);
        System.gc();
        long before = heapUsed();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        startNode("streamvault.downloader.suspect-threshold-seconds", "60",
                "streamvault.downloader.body-soft-timeout-seconds", "60",
                "streamvault.downloader.body-hard-timeout-seconds", "90");
        await(() -> files(1).stream().anyMatch(f -> f.type() == SegmentType.FULL), Duration.ofSeconds(90),
                () -> "the enormous segment");
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        StoreContents.File f = files(1).get(0);
        assertThat(f.path().toFile().length()).isEqualTo(size);
        assertThat(f.name().hash()).isEqualTo(FaultyHlsOrigin.hugeHash(size));
        // a node boot plus streaming costs tens of MB; holding the body would cost 400 MB more
        assertThat(peak - before).as("peak heap growth").isLessThan(size / 2);
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private double suspectRouteExchanges() {
        try {
            return metric("camel_exchanges_total", "routeId=\"downloader-suspect-segment-test-source\"");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

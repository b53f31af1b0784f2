package org.streamvault.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.camel.component.seda.QueueReference;
import org.apache.camel.component.seda.SedaComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.SegmentType;
import org.streamvault.testing.FaultyHlsOrigin;
import org.streamvault.testing.LogCapture;
import org.streamvault.testing.StoreContents;
import org.streamvault.testing.TestNode;

/**
 * SPEC §12: every segment the downloader renames into place is published on
 * {@code seda:streamvault-segment-saved}, and publishing never holds recording up.
 */
class SegmentEventsTest extends DownloaderTestSupport {
    @TempDir
    Path routesDir;

    private String route(String name, String yaml) throws Exception {
        Files.writeString(routesDir.resolve(name), yaml);
        return routesDir.toString();
    }

    @Test
    void theSuspectSegmentExampleLogsEverySuspectSegmentAndNoOther() throws Exception {
        Files.copy(TestNode.projectRoot().resolve("docs/examples/routes/log-suspect-segments.yaml"),
                routesDir.resolve("log-suspect-segments.yaml"));
        origin = FaultyHlsOrigin.start(10);
        origin.stall(1, Duration.ofMillis(2500)); // suspect threshold is 1.5 s
        origin.publish(3);
        try (LogCapture logs = LogCapture.start()) {
            startNode("streamvault.routes.extra-dir", routesDir.toString());
            awaitFull(0, 3);
            await(() -> files(1).stream().anyMatch(f -> f.type() == SegmentType.SUSPECT), Duration.ofSeconds(10),
                    () -> "a suspect copy of segment 1");
            Path suspect = files(1).stream().filter(f -> f.type() == SegmentType.SUSPECT).findFirst().orElseThrow()
                    .path();
            await(() -> !logs.containing("suspect segment saved").isEmpty(), Duration.ofSeconds(5),
                    () -> "the example's log line");
            Thread.sleep(300);
            List<LogCapture.Line> lines = logs.containing("suspect segment saved");
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0).message()).isEqualTo("suspect segment saved: " + suspect);
            assertThat(lines.get(0).level()).isEqualTo("WARN");
        }
    }

    @Test
    void eachSavedSegmentIsPublishedOnceWithWhereItLies() throws Exception {
        origin = FaultyHlsOrigin.start(10);
        origin.publish(4);
        try (LogCapture logs = LogCapture.start()) {
            startNode("streamvault.routes.extra-dir", route("saved.yaml", """
                    - route:
                        id: test-log-saved-segments
                        from:
                          uri: seda:streamvault-segment-saved
                          steps:
                            - log:
                                logName: test.saved
                                message: "saved ${header.channel} ${header.quality} ${header.type} ${header.hour} ${header.name} ${header.path} ${header.event}"
                    """));
            awaitFull(0, 4);
            await(() -> logs.containing("saved " + CHANNEL).size() >= 4, Duration.ofSeconds(5),
                    () -> "4 published segments");
            Thread.sleep(300);
            List<String> published = logs.containing("saved " + CHANNEL).stream().map(LogCapture.Line::message)
                    .sorted().toList();
            List<String> expected = files().stream().map(StoreContents.File::path).map(p -> "saved " + CHANNEL + " "
                    + QUALITY + " full " + p.getParent().getFileName() + " " + p.getFileName() + " " + p
                    + " segment-saved").sorted().toList();
            assertThat(published).isEqualTo(expected).hasSize(4);
        }
    }

    @Test
    void aStreamIsAnnouncedLiveWhenItsSegmentsAppearAndOfflineWhenTheyStop() throws Exception {
        origin = FaultyHlsOrigin.start(10);
        origin.publish(2);
        String log = """
                      steps:
                        - log:
                            logName: test.liveness
                            message: "${header.event} ${header.channel}/${header.quality}"
                """;
        try (LogCapture logs = LogCapture.start()) {
            startNode("streamvault.downloader.offline-after-seconds", "1", "streamvault.routes.extra-dir",
                    route("liveness.yaml", """
                            - route:
                                id: test-log-stream-live
                                from:
                                  uri: seda:streamvault-stream-live
                            """ + log + """
                            - route:
                                id: test-log-stream-offline
                                from:
                                  uri: seda:streamvault-stream-offline
                            """ + log));
            String live = "stream-live " + CHANNEL + "/" + QUALITY;
            String offline = "stream-offline " + CHANNEL + "/" + QUALITY;
            await(() -> logs.containing(live).size() == 1, Duration.ofSeconds(10), () -> "stream-live");
            assertThat(logs.containing(offline)).isEmpty();
            origin.down(true);
            await(() -> logs.containing(offline).size() == 1, Duration.ofSeconds(10), () -> "stream-offline");
            origin.down(false);
            origin.publish(1);
            await(() -> logs.containing(live).size() == 2, Duration.ofSeconds(10), () -> "stream-live again");
            assertThat(logs.containing(offline)).hasSize(1);
        }
    }

    @Test
    void aSubscriberThatNeverConsumesNeitherSlowsRecordingNorHoldsEventsAndDropsAreCounted() throws Exception {
        origin = FaultyHlsOrigin.start(12);
        origin.publish(1);
        startNode("streamvault.events.queue-size", "2", "camel.main.shutdown-timeout", "1",
                "streamvault.routes.extra-dir", route("stuck.yaml", """
                        - route:
                            id: test-stuck-subscriber
                            from:
                              uri: seda:streamvault-segment-saved
                              steps:
                                - delay:
                                    constant: 600000
                                    asyncDelayed: false
                        """));
        awaitFull(0, 1);
        // the subscriber holds the first event (a seda consumer polls only once the context has
        // started, up to a second later; the downloader may have saved segment 0 before that)
        await(() -> node.camelContext().getInflightRepository().size("test-stuck-subscriber") == 1
                && queued("streamvault-segment-saved") == 0, Duration.ofSeconds(5), () -> "the first event taken");
        // the same deadline as a node with no subscriber (the origin lists the newest 6 segments)
        origin.publish(5);
        awaitFull(0, 6);
        origin.publish(5);
        awaitFull(0, 11);
        int saved = (int) files().stream().filter(f -> f.type() != SegmentType.TEMP).count();
        // one event is in the subscriber's hands, two wait in its queue, the rest were dropped
        await(() -> {
            try {
                return metric("streamvault_events_dropped_total", "event=\"segment-saved\"") == saved - 3;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, Duration.ofSeconds(5), () -> "drops counted");
        assertThat(queued("streamvault-segment-saved")).isEqualTo(2);
    }

    @Test
    void withNoSubscriberNothingIsQueuedOrDropped() throws Exception {
        origin = FaultyHlsOrigin.start(6);
        origin.publish(6);
        startNode();
        awaitFull(0, 6);
        assertThat(queued("streamvault-segment-saved")).isZero();
        assertThat(metric("streamvault_events_dropped_total")).isZero();
    }

    /** Events waiting in the queue of {@code name}. */
    private int queued(String name) {
        SedaComponent seda = node.camelContext().getComponent("seda", SedaComponent.class);
        QueueReference ref = seda.getQueueReference("seda://" + name);
        if (ref == null) {
            throw new AssertionError("no queue " + name + " among " + seda.getQueues().keySet());
        }
        return ref.getQueue().size();
    }
}

package org.streamvault.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.SegmentType;
import org.streamvault.testing.Await;
import org.streamvault.testing.LogCapture;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestNode;

/** SPEC §12: every finished pass is published on {@code seda:streamvault-backfill-pass}. */
class BackfillEventsTest {
    @TempDir
    Path dirA;
    @TempDir
    Path dirB;
    @TempDir
    Path routes;

    @Test
    void eachPassIsPublishedWithWhatItCopied() throws Exception {
        StoreBuilder a = new StoreBuilder(dirA, BackfillBetweenNodesTest.CHANNEL, BackfillBetweenNodesTest.QUALITY);
        for (int i = 0; i < 5; i++) {
            a.add(BackfillBetweenNodesTest.hoursAgo(1) + i * 2_000_000L, "2.0", SegmentType.FULL, 1000 + i);
        }
        Files.writeString(routes.resolve("passes.yaml"), """
                - route:
                    id: test-log-backfill-passes
                    from:
                      uri: seda:streamvault-backfill-pass
                      steps:
                        - log:
                            logName: test.passes
                            message: "${header.event} from ${header.peerUrl}: copied=${header.copied} failed=${header.failed} missing=${header.missing} complete=${header.complete}"
                """);
        try (LogCapture logs = LogCapture.start(); TestNode nodeA = TestNode.start(dirA);
                TestNode nodeB = TestNode.start(dirB, BackfillBetweenNodesTest.nodeB(nodeA.url(""),
                        "streamvault.routes.extra-dir", routes.toString()))) {
            String first = "backfill-pass from " + nodeA.url("") + ": copied=5 failed=0 missing=0 complete=true";
            String later = "backfill-pass from " + nodeA.url("") + ": copied=0 failed=0 missing=0 complete=true";
            Await.until("a pass that copied 5 files, then one with nothing left",
                    () -> !logs.containing(later).isEmpty());
            List<String> passes = logs.containing("backfill-pass from").stream().map(LogCapture.Line::message).toList();
            assertThat(passes.get(0)).isEqualTo(first);
            assertThat(passes.subList(1, passes.size())).allMatch(later::equals);
            assertThat(nodeB.camelContext().getRoute("test-log-backfill-passes")).isNotNull();
        }
    }
}

package org.streamvault.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamvault.backfill.BackfillBetweenNodesTest.CHANNEL;
import static org.streamvault.backfill.BackfillBetweenNodesTest.QUALITY;
import static org.streamvault.backfill.BackfillBetweenNodesTest.hoursAgo;
import static org.streamvault.backfill.BackfillBetweenNodesTest.nodeB;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.SegmentType;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.Await;
import org.streamvault.testing.FakePeer;
import org.streamvault.testing.LogCapture;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestNode;

/**
 * Tombstones and junk names over the wire: a peer that lists tombstones only when asked (as
 * wubloader's restreamer does) still passes them on, and so does one that always lists them
 * along with junk (an older Streamvault).
 */
class BackfillTombstonesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dirA;
    @TempDir
    Path dirB;

    private Path victim;
    private Path kept;
    private String tombstone;
    private String hourPath;

    /** A has two segments and a tombstone for one of them; B already holds the tombstoned one. */
    private void stores() throws Exception {
        long hour = hoursAgo(1);
        StoreBuilder a = new StoreBuilder(dirA, CHANNEL, QUALITY);
        victim = a.add(hour, "2.0", SegmentType.FULL, 1000);
        kept = a.add(hour + 2_000_000L, "2.0", SegmentType.FULL, 1000);
        // wubloader's spelling: NAME.tombstone beside NAME.ts
        String name = victim.getFileName().toString();
        tombstone = name.substring(0, name.length() - ".ts".length()) + ".tombstone";
        Files.createFile(victim.resolveSibling(tombstone));
        Path copy = dirB.resolve(dirA.relativize(victim));
        Files.createDirectories(copy.getParent());
        Files.copy(victim, copy);
        hourPath = CHANNEL + "/" + QUALITY + "/" + Timestamps.formatHour(hour);
    }

    private static List<String> list(String url) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(url).isEqualTo(200);
            return Arrays.asList(JSON.readValue(r.body(), String[].class));
        }
    }

    private void assertBHidesTheVictim(TestNode nodeB) throws Exception {
        Await.until("B to hold the tombstone and the other segment", Duration.ofSeconds(10),
                () -> Files.exists(dirB.resolve(hourPath).resolve(tombstone))
                        && Files.exists(dirB.resolve(dirA.relativize(kept))));
        List<String> listed = list(nodeB.url("/files/" + hourPath + "?tombstones=true"));
        assertThat(listed).containsExactlyInAnyOrder(kept.getFileName().toString(), tombstone);
        assertThat(nodeB.get("/segments/" + hourPath + "/" + victim.getFileName()).statusCode()).isEqualTo(404);
    }

    @Test
    void tombstonesFromAPeerThatListsThemOnlyWhenAskedReachUsAndHideTheSegment() throws Exception {
        stores();
        try (FakePeer peer = FakePeer.serving(dirA, FakePeer.Tombstones.ONLY_WHEN_ASKED)) {
            // the peer really hides them from a plain listing, as wubloader does
            assertThat(list(peer.url() + "/files/" + hourPath)).doesNotContain(tombstone);
            try (TestNode nodeB = TestNode.start(dirB, nodeB(peer.url()))) {
                assertBHidesTheVictim(nodeB);
            }
            assertThat(peer.requests()).contains("/files/" + hourPath + "?tombstones=true");
            assertThat(peer.requests()).filteredOn(r -> r.startsWith("/files/" + CHANNEL + "/" + QUALITY + "?")
                    || r.startsWith("/files/" + CHANNEL + "?")).as("only hour listings ask").isEmpty();
            assertThat(peer.requests()).doesNotContain("/segments/" + hourPath + "/" + victim.getFileName());
        }
    }

    @Test
    void aPeerThatIgnoresTheParameterAndListsJunkStillWorksAndJunkIsOnlyWarnedAbout() throws Exception {
        stores();
        Files.writeString(dirA.resolve(hourPath).resolve("junk-1.txt"), "not a segment");
        try (LogCapture log = LogCapture.start();
                FakePeer peer = FakePeer.serving(dirA, FakePeer.Tombstones.ALWAYS)) {
            assertThat(list(peer.url() + "/files/" + hourPath)).contains(tombstone, "junk-1.txt");
            try (TestNode nodeB = TestNode.start(dirB, nodeB(peer.url()))) {
                assertBHidesTheVictim(nodeB);
                Await.until("the junk name to be warned about", Duration.ofSeconds(5),
                        () -> !log.containing(hourPath + "/junk-1.txt").isEmpty());
            }
            assertThat(log.containing("junk-1.txt")).allMatch(l -> l.level().equals("WARN")
                    && l.message().contains("not a segment"));
            assertThat(log.withStackTraces()).isEmpty();
            assertThat(peer.requests()).noneMatch(r -> r.contains("junk-1.txt"));
            assertThat(Files.exists(dirB.resolve(hourPath).resolve("junk-1.txt"))).isFalse();
        }
    }
}

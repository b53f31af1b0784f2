package org.streamvault.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamvault.backfill.BackfillBetweenNodesTest.CHANNEL;
import static org.streamvault.backfill.BackfillBetweenNodesTest.QUALITY;
import static org.streamvault.backfill.BackfillBetweenNodesTest.hoursAgo;
import static org.streamvault.backfill.BackfillBetweenNodesTest.nodeB;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.SegmentType;
import org.streamvault.testing.Await;
import org.streamvault.testing.EventRows;
import org.streamvault.testing.FakePeer;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.StoreFiles;
import org.streamvault.testing.TestDatabase;
import org.streamvault.testing.TestNode;

/**
 * Peers listed in the database's {@code nodes} table, as a wubloader cluster keeps them: rows
 * with {@code backfill_from} are copied from, others and this node's own row are not, and a
 * database that goes away does not stop copying from the other sources.
 */
class BackfillDatabasePeersTest {
    @TempDir
    Path dirA;
    @TempDir
    Path dirC;
    @TempDir
    Path dirB;

    @Test
    void peersComeFromTheNodesTable() throws Exception {
        new StoreBuilder(dirA, CHANNEL, QUALITY).add(hoursAgo(1), "2.0", SegmentType.FULL, 1000);
        new StoreBuilder(dirC, CHANNEL, QUALITY).add(hoursAgo(2), "2.0", SegmentType.FULL, 2000);
        AtomicInteger askedExcluded = new AtomicInteger();
        TestDatabase testDb = TestDatabase.create();
        try (FakePeer excluded = FakePeer.start(ex -> {
            askedExcluded.incrementAndGet();
            FakePeer.answer(ex, 500, "[]");
        });
                TestNode a = TestNode.start(dirA, "streamvault.node-name", "a");
                TestNode c = TestNode.start(dirC, "streamvault.node-name", "c")) {
            TestNode.initialise(testDb);
            EventRows sql = new EventRows(testDb);
            sql.update("INSERT INTO nodes (name, url, backfill_from) VALUES ('a', ?, true), ('b', ?, true),"
                    + " ('muted', ?, false)", a.url(""), excluded.url(), excluded.url());
            try (TestNode b = TestNode.start(dirB, nodeB(c.url(""), "streamvault.db.url", testDb.url(),
                    "streamvault.db.user", testDb.user(), "streamvault.backfiller.peer-refresh-interval", "1",
                    "streamvault.db.connect-timeout", "0.5"))) {
                Set<String> both = new TreeSet<>(StoreFiles.of(dirA));
                both.addAll(StoreFiles.of(dirC));
                Await.until("B to hold what A (database) and C (static) hold", Duration.ofSeconds(15),
                        () -> StoreFiles.of(dirB).equals(both));
                Backfiller backfiller = b.camelContext().getRegistry().lookupByNameAndType("backfiller", Backfiller.class);
                assertThat(backfiller.peerUrls()).containsExactlyInAnyOrder(a.url(""), c.url(""));

                // the database goes away; the static peer is still copied from
                testDb.close();
                new StoreBuilder(dirC, CHANNEL, QUALITY).add(hoursAgo(2) + 2_000_000, "2.0", SegmentType.FULL, 3000);
                Await.until("B to copy C's new segment without the database", Duration.ofSeconds(15),
                        () -> StoreFiles.of(dirB).containsAll(StoreFiles.of(dirC)));
            }
        } finally {
            testDb.close();
        }
        assertThat(askedExcluded.get()).isZero();
    }
}

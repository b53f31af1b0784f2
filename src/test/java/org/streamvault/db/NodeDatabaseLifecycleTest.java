package org.streamvault.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.testing.TestDatabase;
import org.streamvault.testing.TestNode;

/** A node's connection pool lives and dies with the node: a stopped node keeps no connections or threads. */
class NodeDatabaseLifecycleTest {
    @TempDir
    Path dir;

    @Test
    void stoppingTheNodeClosesItsPool() throws Exception {
        try (TestDatabase testDb = TestDatabase.create()) {
            HikariDataSource pool;
            try (TestNode node = TestNode.start(dir, "streamvault.db.url", testDb.url(), "streamvault.db.user",
                    testDb.user())) {
                NodeDatabase db = node.camelContext().getRegistry().lookupByNameAndType("nodeDatabase", NodeDatabase.class);
                pool = (HikariDataSource) db.require("this test").dataSource();
                assertThat(pool.isClosed()).isFalse();
            }
            assertThat(pool.isClosed()).isTrue();
        }
    }
}

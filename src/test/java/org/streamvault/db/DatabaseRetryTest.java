package org.streamvault.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.streamvault.testing.TestDatabase;

/** Transactions that conflict under SERIALIZABLE are retried until each has run once. */
class DatabaseRetryTest {
    private static TestDatabase testDb;
    private static Database db;

    @BeforeAll
    static void create() throws Exception {
        testDb = TestDatabase.create();
        db = new Database(testDb.url(), testDb.user(), "", 8);
        db.query(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE counter (n INT NOT NULL)");
                st.execute("INSERT INTO counter VALUES (0)");
            }
            return null;
        });
    }

    @AfterAll
    static void drop() throws Exception {
        db.close();
        testDb.close();
    }

    @Test
    void conflictingReadModifyWriteTransactionsAllLand() {
        int workers = 6;
        int each = 10;
        AtomicInteger attempts = new AtomicInteger();
        CyclicBarrier start = new CyclicBarrier(workers);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            all.add(CompletableFuture.runAsync(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                for (int i = 0; i < each; i++) {
                    db.transaction(c -> {
                        attempts.incrementAndGet();
                        int n;
                        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT n FROM counter")) {
                            rs.next();
                            n = rs.getInt(1);
                        }
                        try (PreparedStatement ps = c.prepareStatement("UPDATE counter SET n = ?")) {
                            ps.setInt(1, n + 1);
                            ps.executeUpdate();
                        }
                        return null;
                    });
                }
            }));
        }
        CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).join();
        int n = db.query(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT n FROM counter")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        // no increment lost, and some attempts really did conflict and were retried
        assertThat(n).isEqualTo(workers * each);
        assertThat(attempts.get()).isGreaterThan(workers * each);
    }

    @Test
    void aFailedTransactionLeavesNothingBehind() {
        assertThatThrownBy(() -> db.transaction(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO roles (email, name) VALUES ('half@x', 'Half')");
                st.execute("INSERT INTO roles (email, name) VALUES ('half@x', 'Again')");
            }
            return null;
        })).isInstanceOf(DatabaseException.class);
        int rows = db.query(c -> {
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT count(*) FROM roles WHERE email = 'half@x'")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertThat(rows).isZero();
    }

    @Test
    void unreachableDatabaseIsAOneLineError() {
        try (Database nowhere = new Database("jdbc:postgresql://127.0.0.1:1/none", "postgres", "", 1)) {
            assertThatThrownBy(nowhere::ensureSchema).isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessageStartingWith("database unreachable").hasMessageNotContaining("\n");
        }
    }

    @Test
    void missingUrlNamesTheSetting() {
        assertThatThrownBy(() -> new NodeDatabase(null).require("cutter"))
                .hasMessageContaining("streamvault.db.url").hasMessageStartingWith("cutter needs a database");
    }
}

package org.streamvault.backfill;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.streamvault.db.Database;

/**
 * Peers from the shared database: the {@code nodes} rows with {@code backfill_from} set, as
 * operators of a wubloader cluster keep them. An outage is thrown as an I/O problem, so the
 * peer list keeps this source's last good answer and the other sources go on.
 */
public final class DatabasePeers implements PeerSource {
    private final Supplier<Database> db;

    /** {@code db} gives the database, or null when none is configured (then this source lists nobody). */
    public DatabasePeers(Supplier<Database> db) {
        this.db = db;
    }

    @Override
    public String describe() {
        return "database table nodes";
    }

    @Override
    public List<Peer> peers() throws IOException {
        Database database = db.get();
        if (database == null) {
            return List.of();
        }
        try {
            return database.query(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT name, url FROM nodes WHERE backfill_from ORDER BY name");
                        ResultSet rs = ps.executeQuery()) {
                    List<Peer> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new Peer(rs.getString(1), rs.getString(2)));
                    }
                    return out;
                }
            });
        } catch (RuntimeException e) {
            throw new IOException("reading nodes from the database failed: " + e.getMessage(), e);
        }
    }
}

package org.streamvault.images;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.streamvault.db.Database;

/** Reads thumbnail templates from the {@code templates} table (wubloader's layout). */
public final class TemplateStore {
    private final Database database;

    public TemplateStore(Database database) {
        this.database = database;
    }

    /** The template called {@code name}, or {@code null} if there is none. */
    public Template find(String name) {
        return database.query(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT image, crop, location FROM templates WHERE name = ?")) {
                st.setString(1, name);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    return new Template(name, rs.getBytes(1), box(rs.getArray(2)), box(rs.getArray(3)));
                }
            }
        });
    }

    private static Box box(Array array) throws java.sql.SQLException {
        return array == null ? null : Box.of((Integer[]) array.getArray());
    }
}

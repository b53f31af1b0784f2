package org.streamvault.images;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.streamvault.db.Database;

/**
 * Reads and writes thumbnail templates in the {@code templates} table (wubloader's layout). Only
 * checked values reach it: the callers validate names, PNGs and boxes first.
 */
public final class TemplateStore {
    private static final String INFO = "SELECT name, description, attribution, crop, location FROM templates";

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

    /** Every template's metadata, by name. */
    public List<TemplateInfo> list() {
        return database.query(c -> {
            try (PreparedStatement st = c.prepareStatement(INFO + " ORDER BY name"); ResultSet rs = st.executeQuery()) {
                List<TemplateInfo> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(info(rs));
                }
                return out;
            }
        });
    }

    /** The metadata of the template called {@code name}, or {@code null}. */
    public TemplateInfo info(String name) {
        return database.query(c -> {
            try (PreparedStatement st = c.prepareStatement(INFO + " WHERE name = ?")) {
                st.setString(1, name);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? info(rs) : null;
                }
            }
        });
    }

    /** Adds a template; false if one with that name exists already. */
    public boolean add(TemplateInfo info, byte[] image) {
        return database.query(c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO templates (name, image, description, attribution,"
                    + " crop, location) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
                st.setString(1, info.name());
                st.setBytes(2, image);
                st.setString(3, info.description());
                st.setString(4, info.attribution());
                st.setArray(5, array(c, info.crop()));
                st.setArray(6, array(c, info.location()));
                return st.executeUpdate() == 1;
            }
        });
    }

    /**
     * Replaces the metadata of template {@code name} (which may be renamed to {@code info.name()})
     * and, when {@code image} is not null, its image.
     *
     * @return false if there is no template called {@code name}
     * @throws NameTakenException if the new name belongs to another template
     */
    public boolean update(String name, TemplateInfo info, byte[] image) {
        return database.transaction(c -> {
            if (!info.name().equals(name)) {
                try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM templates WHERE name = ?")) {
                    st.setString(1, info.name());
                    try (ResultSet rs = st.executeQuery()) {
                        if (rs.next()) {
                            throw new NameTakenException("a template named '" + info.name() + "' exists already");
                        }
                    }
                }
            }
            try (PreparedStatement st = c.prepareStatement("UPDATE templates SET name = ?, description = ?,"
                    + " attribution = ?, crop = ?, location = ?, image = COALESCE(?, image) WHERE name = ?")) {
                st.setString(1, info.name());
                st.setString(2, info.description());
                st.setString(3, info.attribution());
                st.setArray(4, array(c, info.crop()));
                st.setArray(5, array(c, info.location()));
                st.setBytes(6, image);
                st.setString(7, name);
                return st.executeUpdate() == 1;
            }
        });
    }

    /** A rename onto a name another template has. */
    public static final class NameTakenException extends RuntimeException {
        NameTakenException(String message) {
            super(message);
        }
    }

    private static TemplateInfo info(ResultSet rs) throws SQLException {
        return new TemplateInfo(rs.getString(1), rs.getString(2), rs.getString(3), box(rs.getArray(4)),
                box(rs.getArray(5)));
    }

    private static Array array(Connection c, Box box) throws SQLException {
        return c.createArrayOf("integer", new Integer[] {box.left(), box.top(), box.right(), box.bottom()});
    }

    private static Box box(Array array) throws SQLException {
        return array == null ? null : Box.of((Integer[]) array.getArray());
    }
}

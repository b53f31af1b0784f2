package org.streamvault.sheetsync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The two ways {@code events} has been shaped: wubloader's current schema (TEXT ids,
 * {@code event_end end_time (dashed, value)}) and Streamvault's earlier one (UUID ids, a plain
 * TIMESTAMP end). The sync reads which one the database has and speaks it, so it works before
 * and after the in-place migration (SPEC §6).
 *
 * @param uuidIds       ids are UUIDs: a sheet id that is not one cannot be stored
 * @param compositeEnds {@code event_end} is {@code end_time}; otherwise a dashed end is stored as its value
 */
public record EventSchema(boolean uuidIds, boolean compositeEnds) {

    static EventSchema read(Connection c) throws SQLException {
        boolean uuid = false;
        boolean composite = false;
        try (PreparedStatement ps = c.prepareStatement("SELECT a.attname, t.typname FROM pg_attribute a"
                + " JOIN pg_type t ON t.oid = a.atttypid WHERE a.attrelid = 'events'::regclass"
                + " AND a.attname IN ('id', 'event_end') AND NOT a.attisdropped");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (rs.getString(1).equals("id")) {
                    uuid = rs.getString(2).equals("uuid");
                } else {
                    composite = rs.getString(2).equals("end_time");
                }
            }
        }
        return new EventSchema(uuid, composite);
    }

    /** Whether {@code id} can be an {@code events.id} here. */
    public boolean accepts(String id) {
        if (!uuidIds) {
            return true;
        }
        try {
            return UUID.fromString(id).toString().equalsIgnoreCase(id);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The end as this database can hold it: without the dashed flag when it has no place for it. */
    public EndTime storable(EndTime end) {
        return compositeEnds || end == null ? end : new EndTime(false, end.value());
    }

    String idType() {
        return uuidIds ? "uuid" : "text";
    }
}

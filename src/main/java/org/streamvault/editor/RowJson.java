package org.streamvault.editor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import org.streamvault.segments.Timestamps;

/**
 * One {@code events} row as JSON, every column under its own name, as thrimshim answers:
 * timestamps as ISO-8601 UTC, arrays as JSON arrays, the id and enums as text. Columns are
 * read generically, so a wubloader database with extra columns is listed whole.
 */
final class RowJson {
    private RowJson() {
    }

    static ObjectNode of(ResultSet rs) throws SQLException {
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        ResultSetMetaData meta = rs.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String name = meta.getColumnName(i);
            switch (meta.getColumnType(i)) {
                case Types.TIMESTAMP -> {
                    LocalDateTime t = rs.getObject(i, LocalDateTime.class);
                    if (t == null) {
                        row.putNull(name);
                    } else {
                        row.put(name, Timestamps.formatIso(micros(t)));
                    }
                }
                case Types.BOOLEAN, Types.BIT -> {
                    boolean b = rs.getBoolean(i);
                    if (rs.wasNull()) {
                        row.putNull(name);
                    } else {
                        row.put(name, b);
                    }
                }
                case Types.ARRAY -> putArray(row, name, rs.getArray(i));
                case Types.INTEGER, Types.BIGINT, Types.SMALLINT, Types.DOUBLE, Types.REAL, Types.NUMERIC -> {
                    java.math.BigDecimal n = rs.getBigDecimal(i);
                    if (n == null) {
                        row.putNull(name);
                    } else {
                        row.put(name, n);
                    }
                }
                case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> {
                    byte[] bytes = rs.getBytes(i);
                    row.put(name, bytes == null ? null : Base64.getEncoder().encodeToString(bytes));
                }
                default -> row.put(name, rs.getString(i));
            }
        }
        return row;
    }

    private static void putArray(ObjectNode row, String name, Array array) throws SQLException {
        if (array == null) {
            row.putNull(name);
            return;
        }
        ArrayNode out = row.putArray(name);
        for (Object o : (Object[]) array.getArray()) {
            if (o == null) {
                out.addNull();
            } else {
                out.add(o.toString());
            }
        }
    }

    static long micros(LocalDateTime t) {
        return t.toEpochSecond(ZoneOffset.UTC) * Timestamps.MICROS_PER_SECOND + t.getNano() / 1000;
    }

    static LocalDateTime dateTime(long micros) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, Timestamps.MICROS_PER_SECOND),
                (int) Math.floorMod(micros, Timestamps.MICROS_PER_SECOND) * 1000, ZoneOffset.UTC);
    }
}

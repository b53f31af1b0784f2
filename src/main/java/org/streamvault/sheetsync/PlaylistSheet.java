package org.streamvault.sheetsync;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The playlists worksheet (wubloader's layout, SPEC §11) → the {@code playlists} table: which
 * event tags make which YouTube playlist. Rows are read like event rows: a row with tags but no
 * id gets one, a malformed tick leaves {@code show_in_description} alone, the first of two rows
 * with one id wins, and a row gone from the sheet stays in the table.
 */
public final class PlaylistSheet {
    /** wubloader's playlists worksheet layout. */
    public static final Map<String, Integer> DEFAULTS = Map.of("tags", 0, "description", 1, "name", 2,
            "playlist_id", 3, "show_in_description", 4, "default_template", 5, "first_event_id", 6,
            "last_event_id", 7, "id", 8);
    private static final List<String> COLUMNS = List.of("name", "description", "tags", "playlist_id",
            "show_in_description", "default_template", "first_event_id", "last_event_id");

    /** One playlist row; {@code values} lacks a column whose cell did not read. */
    record Row(int number, String id, Map<String, Object> values) {
    }

    private final String worksheet;
    private final SheetColumns columns;
    private final int headerRows;
    private final OnceLog warnings;

    public PlaylistSheet(String worksheet, SheetColumns columns, int headerRows) {
        this.worksheet = worksheet;
        this.columns = columns;
        this.headerRows = headerRows;
        this.warnings = new OnceLog(org.slf4j.LoggerFactory.getLogger(PlaylistSheet.class));
    }

    public String worksheet() {
        return worksheet;
    }

    int lastColumn() {
        return columns.last();
    }

    /** The rows that have (or were just given, into {@code idCells}) an id, first of each id only. */
    List<Row> read(List<List<String>> rows, SyncReport report, Supplier<String> newId,
            List<SheetsApi.CellWrite> idCells) {
        Map<String, Row> byId = new LinkedHashMap<>();
        for (int i = headerRows; i < rows.size(); i++) {
            List<String> cells = rows.get(i);
            if (cells.stream().allMatch(c -> c == null || c.isBlank())) {
                continue;
            }
            Map<String, Object> values = values(cells, i + 1, report);
            String id = columns.cell(cells, "id").strip();
            String where = A1.sheet(worksheet) + " row " + (i + 1);
            if (id.isEmpty()) {
                if (Objects.equals(values.get("tags"), List.of())) {
                    report.problem("missing_id");
                    warnings.warn(where + " has no id and no tags and is skipped");
                    continue;
                }
                id = newId.get();
                idCells.add(new SheetsApi.CellWrite(worksheet, i + 1, columns.of("id"), id));
                report.allocated();
            }
            if (byId.containsKey(id)) {
                report.problem("duplicate_id");
                warnings.warn(where + " repeats playlist id " + id + "; the first row wins");
                continue;
            }
            byId.put(id, new Row(i + 1, id, values));
        }
        report.found(worksheet, byId.size());
        return List.copyOf(byId.values());
    }

    /** Inserts new playlists and updates the changed columns of known ones; returns how many changed. */
    int apply(Connection c, List<Row> rows) throws SQLException {
        Map<String, Map<String, Object>> stored = load(c, rows.stream().map(Row::id).toList());
        int changed = 0;
        for (Row row : rows) {
            Map<String, Object> before = stored.get(row.id());
            Map<String, Object> differing = new LinkedHashMap<>();
            row.values().forEach((k, v) -> {
                if (before == null || !Objects.equals(before.get(k), v)) {
                    differing.put(k, v);
                }
            });
            if (before == null) {
                write(c, "INSERT INTO playlists (id" + names(differing, ", ", "") + ") VALUES (?"
                        + names(differing, ", ", "?") + ")", row.id(), differing, true);
                changed++;
            } else if (!differing.isEmpty()) {
                write(c, "UPDATE playlists SET " + String.join(", ", differing.keySet().stream()
                        .map(k -> k + " = ?").toList()) + " WHERE id = ?", row.id(), differing, false);
                changed++;
            }
        }
        return changed;
    }

    private Map<String, Object> values(List<String> cells, int number, SyncReport report) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", columns.cell(cells, "name"));
        v.put("description", columns.cell(cells, "description"));
        v.put("tags", Arrays.stream(columns.cell(cells, "tags").split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList());
        v.put("playlist_id", playlistId(columns.cell(cells, "playlist_id")));
        try {
            v.put("show_in_description", SheetField.POSTER_MOMENT.parse(columns.cell(cells, "show_in_description"), null));
        } catch (MalformedCellException e) {
            report.problem(e.kind());
            warnings.warn(A1.sheet(worksheet) + " row " + number + ", show_in_description: " + e.getMessage());
        }
        for (String column : List.of("default_template", "first_event_id", "last_event_id")) {
            v.put(column, emptyToNull(columns.cell(cells, column)));
        }
        v.keySet().removeIf(k -> !columns.has(k));
        return v;
    }

    /** A playlist id, or the id out of a pasted playlist URL ({@code ...?list=PL...}). */
    static String playlistId(String cell) {
        String s = cell.strip();
        int list = s.indexOf("list=");
        if (list >= 0) {
            s = s.substring(list + 5);
            int amp = s.indexOf('&');
            s = amp < 0 ? s : s.substring(0, amp);
        }
        return emptyToNull(s);
    }

    private static String emptyToNull(String s) {
        return s.isBlank() ? null : s.strip();
    }

    private static Map<String, Map<String, Object>> load(Connection c, List<String> ids) throws SQLException {
        Map<String, Map<String, Object>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, " + String.join(", ", COLUMNS)
                + " FROM playlists WHERE id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> v = new HashMap<>();
                    for (String column : COLUMNS) {
                        v.put(column, switch (column) {
                            case "tags" -> strings(rs.getArray(column));
                            case "show_in_description" -> rs.getBoolean(column);
                            default -> rs.getString(column);
                        });
                    }
                    out.put(rs.getString("id"), v);
                }
            }
        }
        return out;
    }

    private static void write(Connection c, String sql, String id, Map<String, Object> values, boolean idFirst)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (idFirst) {
                ps.setString(i++, id);
            }
            for (Map.Entry<String, Object> e : values.entrySet()) {
                Object v = e.getValue();
                if (v instanceof List<?> list) {
                    ps.setArray(i++, c.createArrayOf("text", list.toArray()));
                } else if (v instanceof Boolean b) {
                    ps.setBoolean(i++, b);
                } else {
                    ps.setString(i++, (String) v);
                }
            }
            if (!idFirst) {
                ps.setString(i, id);
            }
            ps.executeUpdate();
        }
    }

    private static String names(Map<String, Object> values, String sep, String placeholder) {
        StringBuilder s = new StringBuilder();
        values.keySet().forEach(k -> s.append(sep).append(placeholder.isEmpty() ? k : placeholder));
        return s.toString();
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : new ArrayList<>(Arrays.stream((Object[]) a.getArray()).map(String::valueOf).toList());
    }
}

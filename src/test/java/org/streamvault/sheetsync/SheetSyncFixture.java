package org.streamvault.sheetsync;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.streamvault.testing.FakeSheets;
import org.streamvault.testing.TestDatabase;
import org.streamvault.testing.TestNode;

/** A node syncing a fake spreadsheet into a throwaway database, and ways to look at both. */
final class SheetSyncFixture {
    static final String EDIT_URL = "https://clips.example/editor/?id={id}";
    static final String BUS_START = "2026-11-13T21:00:00Z";
    static final List<String> HEADER = List.of("Start", "End", "Category", "Description", "Submitter", "Poster",
            "Images", "Marked", "Notes", "Tags", "", "Video", "State", "Edit", "Error", "ID");
    // column numbers of the default layout
    static final int DESCRIPTION = 3;
    static final int POSTER = 5;
    static final int VIDEO = 11;
    static final int STATE = 12;
    static final int EDIT = 13;
    static final int ERROR = 14;
    static final int ID = 15;

    private SheetSyncFixture() {
    }

    /** A node with fast passes and small backoffs; {@code overrides} win. */
    static TestNode start(Path dir, TestDatabase db, FakeSheets sheets, String worksheets, String... overrides)
            throws Exception {
        return startIn(Files.createTempDirectory(dir, "node"), dir, db, sheets, worksheets, overrides);
    }

    /** {@link #start}, the node's segment store being {@code base}; {@code dir} takes the credentials file. */
    static TestNode startIn(Path base, Path dir, TestDatabase db, FakeSheets sheets, String worksheets,
            String... overrides) throws Exception {
        Path credentials = sheets.writeCredentials(Files.createTempFile(dir, "sheets", ".json"));
        List<String> props = new ArrayList<>(List.of("streamvault.db.url", db.url(), "streamvault.db.user", db.user(),
                "streamvault.restreamer.enabled", "false", "streamvault.sheetsync.enabled", "true",
                "streamvault.sheetsync.spreadsheet-id", FakeSheets.SPREADSHEET_ID,
                "streamvault.sheetsync.worksheets", worksheets,
                "streamvault.sheetsync.credentials-file", credentials.toString(),
                "streamvault.sheetsync.api-root-url", sheets.rootUrl(),
                "streamvault.sheetsync.token-url", sheets.tokenUrl(),
                "streamvault.sheetsync.bustime-start", BUS_START,
                "streamvault.sheetsync.edit-url", EDIT_URL,
                "streamvault.sheetsync.interval-seconds", "0.2", "streamvault.sheetsync.jitter-seconds", "0.05",
                "streamvault.sheetsync.tick", "20",
                "streamvault.sheetsync.retry-backoff-seconds", "0.02",
                "streamvault.sheetsync.retry-backoff-max-seconds", "0.1"));
        props.addAll(Arrays.asList(overrides));
        return TestNode.start(base, props.toArray(String[]::new));
    }

    /** A row of the default layout: the first ten cells given, the rest (outputs, id) as given after. */
    static String[] row(String... cells) {
        String[] out = new String[16];
        Arrays.fill(out, "");
        System.arraycopy(cells, 0, out, 0, cells.length);
        return out;
    }

    static List<List<String>> withHeader(String[]... rows) {
        List<List<String>> out = new ArrayList<>();
        out.add(HEADER);
        for (String[] r : rows) {
            out.add(List.of(r));
        }
        return out;
    }

    /** The event with this id, columns as text (event_end as the database prints it); null if none. */
    static Map<String, String> event(TestDatabase db, String id) throws Exception {
        return new org.streamvault.testing.EventRows(db).get(id);
    }

    static long count(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM events");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static int update(TestDatabase db, String sql, Object... params) throws Exception {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    /** The value of one Prometheus series in {@code /metrics}, e.g. {@code name{kind="x",}}; -1 if absent. */
    static double metric(TestNode node, String name, String labelPart) throws Exception {
        for (String line : node.get("/metrics").body().split("\n")) {
            boolean match = labelPart.isEmpty() ? line.startsWith(name + " ") || line.startsWith(name + "{")
                    : line.startsWith(name + "{") && line.contains(labelPart);
            if (match) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return -1;
    }
}

package org.streamvault.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A stand-in for the Google Sheets API v4 (the values endpoints) and Google's OAuth token
 * endpoint, on loopback, speaking the real wire protocol:
 * <ul>
 * <li>{@code POST /token}: {@link FakeGoogleOAuth};</li>
 * <li>{@code GET /v4/spreadsheets/{id}/values/{range}} → a {@code ValueRange};</li>
 * <li>{@code GET /v4/spreadsheets/{id}/values:batchGet?ranges=...&ranges=...} →
 *     {@code {spreadsheetId, valueRanges: [ValueRange...]}};</li>
 * <li>{@code POST /v4/spreadsheets/{id}/values:batchUpdate} with {@code {valueInputOption, data:
 *     [ValueRange...]}} → {@code {spreadsheetId, totalUpdatedCells, responses: [...]}}.</li>
 * </ul>
 * Ranges are A1 notation ({@code 'Day 1'!A1:P}, {@code Day1!P12}, {@code 'Day 1'}); answers
 * leave out trailing empty cells and rows, as Google's do. Requests need a bearer token the
 * token endpoint issued ({@link #revokeTokens} makes clients refresh); failures are scripted with
 * {@link #failNext}. A protocol violation is recorded in {@link #violations()} and answered 400.
 * The test edits the worksheets (the "operators") while a node syncs against them.
 */
public final class FakeSheets implements AutoCloseable {
    public static final String SPREADSHEET_ID = "1FakeSpreadsheetId_for-tests";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** 'quoted name' or bare name, then optionally !A1 or !A1:P or !A1:P20. */
    private static final Pattern RANGE = Pattern.compile(
            "(?:'((?:[^']|'')+)'|([^'!]+))(?:!([A-Z]+)(\\d+)?(?::([A-Z]+)(\\d+)?)?)?");
    private static final String PREFIX = "/v4/spreadsheets/";

    private record Range(String sheet, int firstRow, int firstColumn, int lastRow, int lastColumn) {
    }

    private record Failure(int status, String reason) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final FakeGoogleOAuth oauth = new FakeGoogleOAuth("https://www.googleapis.com/auth/spreadsheets",
            violations::add);
    /** worksheet → rows → cells; rows may be shorter than others. */
    private final Map<String, List<List<String>>> sheets = new LinkedHashMap<>();
    private final List<Failure> failures = new ArrayList<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger writes = new AtomicInteger();
    private final AtomicInteger unauthorized = new AtomicInteger();
    private final List<String> writtenCells = new CopyOnWriteArrayList<>();
    private final List<List<String>> readRanges = new CopyOnWriteArrayList<>();

    public FakeSheets() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", oauth);
        server.createContext(PREFIX, this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public String rootUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    public String tokenUrl() {
        return rootUrl() + "token";
    }

    public Path writeCredentials(Path file) throws IOException {
        return FakeGoogleOAuth.writeCredentials(file);
    }

    /** Adds a worksheet holding {@code rows} (row 1 first). */
    public synchronized void addWorksheet(String name, List<List<String>> rows) {
        List<List<String>> copy = new ArrayList<>();
        rows.forEach(r -> copy.add(new ArrayList<>(r)));
        sheets.put(name, copy);
    }

    /** Sets row {@code number} (1-based) to {@code cells}, as an operator typing; extends the sheet if needed. */
    public synchronized void setRow(String sheet, int number, String... cells) {
        List<List<String>> rows = sheet(sheet);
        while (rows.size() < number) {
            rows.add(new ArrayList<>());
        }
        rows.set(number - 1, new ArrayList<>(Arrays.asList(cells)));
    }

    /** Sets one cell (row 1-based, column 0-based). */
    public synchronized void setCell(String sheet, int row, int column, String value) {
        List<List<String>> rows = sheet(sheet);
        while (rows.size() < row) {
            rows.add(new ArrayList<>());
        }
        List<String> cells = rows.get(row - 1);
        while (cells.size() <= column) {
            cells.add("");
        }
        cells.set(column, value);
    }

    /** Deletes row {@code number}; the rows below move up, as in Sheets. */
    public synchronized void deleteRow(String sheet, int number) {
        sheet(sheet).remove(number - 1);
    }

    /** The cell's text ("" when empty). */
    public synchronized String cell(String sheet, int row, int column) {
        List<List<String>> rows = sheet(sheet);
        if (row > rows.size() || column >= rows.get(row - 1).size()) {
            return "";
        }
        return rows.get(row - 1).get(column);
    }

    /** How many rows the worksheet has (up to its last non-empty one or last set). */
    public synchronized int rowCount(String sheet) {
        return sheet(sheet).size();
    }

    /** The next {@code times} API requests (not token requests) are answered with {@code status}. */
    public synchronized void failNext(int times, int status) {
        for (int i = 0; i < times; i++) {
            failures.add(new Failure(status, status == 429 ? "RESOURCE_EXHAUSTED" : "INTERNAL"));
        }
    }

    /** Scripted failures not yet used are dropped. */
    public synchronized void clearFailures() {
        failures.clear();
    }

    /** Every access token issued so far stops working. */
    public void revokeTokens() {
        oauth.revokeAll();
    }

    public int tokensIssued() {
        return oauth.tokensIssued();
    }

    /** API requests answered 401 for want of a valid token. */
    public int unauthorized() {
        return unauthorized.get();
    }

    /** Read requests ({@code values.get}, {@code values.batchGet}) answered with values. */
    public int reads() {
        return reads.get();
    }

    /** {@code values.batchUpdate} requests applied. */
    public int writeRequests() {
        return writes.get();
    }

    /** Every cell written, as {@code A1=value}, in order. */
    public List<String> writtenCells() {
        return List.copyOf(writtenCells);
    }

    /** The ranges of each read request, in order. */
    public List<List<String>> readRanges() {
        return List.copyOf(readRanges);
    }

    public List<String> violations() {
        return List.copyOf(violations);
    }

    private List<List<String>> sheet(String name) {
        List<List<String>> rows = sheets.get(name);
        if (rows == null) {
            throw new IllegalArgumentException("no worksheet " + name);
        }
        return rows;
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = readBody(ex);
        String authorization = ex.getRequestHeaders().getFirst("Authorization");
        if (!oauth.issued(authorization)) {
            unauthorized.incrementAndGet();
            // RFC 6750, as Google answers: a token that was sent but is expired or revoked is invalid_token
            boolean sent = authorization != null && authorization.startsWith("Bearer ");
            ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\""
                    + (sent ? ", error=\"invalid_token\"" : ""));
            sendError(ex, 401, "UNAUTHENTICATED", "Request had invalid authentication credentials.");
            return;
        }
        String path = URLDecoder.decode(ex.getRequestURI().getRawPath().replace("+", "%2B"), StandardCharsets.UTF_8)
                .substring(PREFIX.length());
        int slash = path.indexOf('/');
        String id = slash < 0 ? path : path.substring(0, slash);
        String rest = slash < 0 ? "" : path.substring(slash);
        if (!id.equals(SPREADSHEET_ID)) {
            sendError(ex, 404, "NOT_FOUND", "Requested entity was not found.");
            return;
        }
        Failure failure = nextFailure();
        if (failure != null) {
            sendError(ex, failure.status(), failure.reason(), failure.status() == 429
                    ? "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user'"
                    : "Internal error encountered.");
            return;
        }
        String method = ex.getRequestMethod();
        try {
            if (method.equals("GET") && rest.equals("/values:batchGet")) {
                batchGet(ex, query(ex.getRequestURI().getRawQuery()));
            } else if (method.equals("GET") && rest.startsWith("/values/")) {
                reads.incrementAndGet();
                readRanges.add(List.of(rest.substring("/values/".length())));
                FakeGoogleOAuth.send(ex, 200, valueRange(parse(rest.substring("/values/".length()))));
            } else if (method.equals("POST") && rest.equals("/values:batchUpdate")) {
                batchUpdate(ex, JSON.readTree(body));
            } else {
                violation(ex, method + " " + ex.getRequestURI() + " is not a values endpoint this fake knows");
            }
        } catch (BadRange e) {
            sendError(ex, 400, "INVALID_ARGUMENT", "Unable to parse range: " + e.getMessage());
        }
    }

    private void batchGet(HttpExchange ex, Map<String, List<String>> q) throws IOException, BadRange {
        List<String> ranges = q.getOrDefault("ranges", List.of());
        if (ranges.isEmpty()) {
            violation(ex, "values.batchGet without ranges");
            return;
        }
        if (q.containsKey("majorDimension") && !q.get("majorDimension").equals(List.of("ROWS"))) {
            violation(ex, "this fake answers majorDimension=ROWS only");
            return;
        }
        ArrayNode out = JSON.createArrayNode();
        for (String r : ranges) {
            out.add(valueRange(parse(r)));
        }
        reads.incrementAndGet();
        readRanges.add(List.copyOf(ranges));
        ObjectNode response = JSON.createObjectNode().put("spreadsheetId", SPREADSHEET_ID);
        response.set("valueRanges", out);
        FakeGoogleOAuth.send(ex, 200, response);
    }

    private void batchUpdate(HttpExchange ex, JsonNode request) throws IOException, BadRange {
        String option = request.path("valueInputOption").asText("");
        if (!option.equals("RAW") && !option.equals("USER_ENTERED")) {
            violation(ex, "values.batchUpdate needs valueInputOption RAW or USER_ENTERED, got '" + option + "'");
            return;
        }
        JsonNode data = request.path("data");
        if (!data.isArray() || data.isEmpty()) {
            violation(ex, "values.batchUpdate without data");
            return;
        }
        List<Range> ranges = new ArrayList<>();
        for (JsonNode vr : data) {
            ranges.add(parse(vr.path("range").asText()));
            if (!vr.path("values").isArray()) {
                violation(ex, "a ValueRange without values: " + vr);
                return;
            }
        }
        ArrayNode responses = JSON.createArrayNode();
        int total = 0;
        synchronized (this) {
            for (int i = 0; i < ranges.size(); i++) {
                Range r = ranges.get(i);
                JsonNode values = data.get(i).path("values");
                int cells = 0;
                for (int dr = 0; dr < values.size(); dr++) {
                    for (int dc = 0; dc < values.get(dr).size(); dc++) {
                        String v = values.get(dr).get(dc).asText();
                        setCell(r.sheet(), r.firstRow() + dr, r.firstColumn() + dc, v);
                        writtenCells.add("'" + r.sheet() + "'!" + column(r.firstColumn() + dc) + (r.firstRow() + dr)
                                + "=" + v);
                        cells++;
                    }
                }
                total += cells;
                responses.addObject().put("spreadsheetId", SPREADSHEET_ID)
                        .put("updatedRange", data.get(i).path("range").asText()).put("updatedRows", values.size())
                        .put("updatedCells", cells);
            }
        }
        writes.incrementAndGet();
        ObjectNode response = JSON.createObjectNode().put("spreadsheetId", SPREADSHEET_ID)
                .put("totalUpdatedCells", total).put("totalUpdatedSheets", 1);
        response.set("responses", responses);
        FakeGoogleOAuth.send(ex, 200, response);
    }

    /** The values of a range as Google sends them: trailing empty cells and rows left out. */
    private synchronized ObjectNode valueRange(Range r) {
        List<List<String>> rows = sheet(r.sheet());
        List<List<String>> out = new ArrayList<>();
        int last = Math.min(rows.size(), r.lastRow());
        for (int i = r.firstRow(); i <= last; i++) {
            List<String> cells = rows.get(i - 1);
            List<String> slice = new ArrayList<>();
            for (int c = r.firstColumn(); c <= Math.min(r.lastColumn(), cells.size() - 1); c++) {
                slice.add(cells.get(c) == null ? "" : cells.get(c));
            }
            while (!slice.isEmpty() && slice.getLast().isEmpty()) {
                slice.removeLast();
            }
            out.add(slice);
        }
        while (!out.isEmpty() && out.getLast().isEmpty()) {
            out.removeLast();
        }
        int widest = out.stream().mapToInt(List::size).max().orElse(1);
        int lastColumn = r.lastColumn() == Integer.MAX_VALUE ? r.firstColumn() + widest - 1 : r.lastColumn();
        ObjectNode vr = JSON.createObjectNode()
                .put("range", "'" + r.sheet().replace("'", "''") + "'!" + column(r.firstColumn()) + r.firstRow() + ":"
                        + column(lastColumn) + (r.firstRow() + Math.max(out.size(), 1) - 1))
                .put("majorDimension", "ROWS");
        if (!out.isEmpty()) {
            ArrayNode rowsNode = vr.putArray("values");
            for (List<String> row : out) {
                ArrayNode cells = rowsNode.addArray();
                row.forEach(cells::add);
            }
        }
        return vr;
    }

    private static final class BadRange extends Exception {
        private static final long serialVersionUID = 1L;

        BadRange(String range) {
            super(range, null, false, false);
        }
    }

    private synchronized Range parse(String text) throws BadRange {
        Matcher m = RANGE.matcher(text);
        if (!m.matches()) {
            throw new BadRange(text);
        }
        String sheet = m.group(1) != null ? m.group(1).replace("''", "'") : m.group(2);
        if (!sheets.containsKey(sheet)) {
            throw new BadRange(text);
        }
        if (m.group(3) == null) {
            return new Range(sheet, 1, 0, Integer.MAX_VALUE, Integer.MAX_VALUE);
        }
        int firstRow = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
        int firstColumn = columnIndex(m.group(3));
        if (m.group(5) == null) {
            // a single cell
            return new Range(sheet, firstRow, firstColumn, firstRow, firstColumn);
        }
        int lastRow = m.group(6) == null ? Integer.MAX_VALUE : Integer.parseInt(m.group(6));
        return new Range(sheet, firstRow, firstColumn, lastRow, columnIndex(m.group(5)));
    }

    private synchronized Failure nextFailure() {
        return failures.isEmpty() ? null : failures.removeFirst();
    }

    private static int columnIndex(String letters) {
        int n = 0;
        for (char ch : letters.toCharArray()) {
            n = n * 26 + (ch - 'A' + 1);
        }
        return n - 1;
    }

    private static String column(int index) {
        StringBuilder s = new StringBuilder();
        for (int i = index + 1; i > 0; i = (i - 1) / 26) {
            s.insert(0, (char) ('A' + (i - 1) % 26));
        }
        return s.toString();
    }

    /** Query parameters, repeated ones as lists; values are not split on commas (ranges may hold them). */
    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    private static byte[] readBody(HttpExchange ex) throws IOException {
        InputStream in = ex.getRequestBody();
        if ("gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
            in = new GZIPInputStream(in);
        }
        return in.readAllBytes();
    }

    private void violation(HttpExchange ex, String what) throws IOException {
        violations.add(what);
        sendError(ex, 400, "INVALID_ARGUMENT", what);
    }

    /** Google's JSON error, with both the newer {@code status} and the older {@code errors} list. */
    private static void sendError(HttpExchange ex, int code, String status, String message) throws IOException {
        ObjectNode error = JSON.createObjectNode();
        ObjectNode body = error.putObject("error").put("code", code).put("message", message).put("status", status);
        body.putArray("errors").addObject().put("domain", "global").put("reason", status).put("message", message);
        FakeGoogleOAuth.send(ex, code, error);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

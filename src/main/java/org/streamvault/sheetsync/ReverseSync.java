package org.streamvault.sheetsync;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database → sheet direction, for rebuilding a lost or fresh spreadsheet
 * ({@code streamvault.sheetsync.mode=reverse}): every event whose {@code sheet_name} is a
 * configured worksheet is written to that worksheet, all columns, sheet-owned ones included;
 * a row already there (found by id) is corrected cell by cell, a missing one appended below the
 * last row. The database is only read. Running it again writes nothing once the sheet matches.
 */
public final class ReverseSync {
    private static final Logger LOG = LoggerFactory.getLogger(ReverseSync.class);

    private final SheetsApi api;
    private final SheetEventStore store;
    private final SheetColumns columns;
    private final SheetTimes times;
    private final int headerRows;
    private final List<String> worksheets;
    private final OutputCells outputs;

    public ReverseSync(SheetsApi api, SheetEventStore store, SheetColumns columns, SheetTimes times, int headerRows,
            List<String> worksheets, OutputCells outputs) {
        this.api = api;
        this.store = store;
        this.columns = columns;
        this.times = times;
        this.headerRows = headerRows;
        this.worksheets = List.copyOf(worksheets);
        this.outputs = outputs;
    }

    public SyncReport run() throws SheetsApiException {
        Map<String, List<List<String>>> sheet = api.read(worksheets, columns.last());
        Map<String, StoredEvent> events = store.transaction(c -> store.bySheet(c, worksheets));
        SyncReport report = new SyncReport();
        Map<String, List<String>> cellsById = new HashMap<>();
        Map<String, Integer> rowById = new HashMap<>();
        Map<String, Integer> nextRow = new HashMap<>();
        for (String worksheet : worksheets) {
            List<List<String>> rows = sheet.getOrDefault(worksheet, List.of());
            for (int i = headerRows; i < rows.size(); i++) {
                String id = columns.cell(rows.get(i), "id").strip();
                if (!id.isEmpty() && !rowById.containsKey(worksheet + "\n" + id)) {
                    rowById.put(worksheet + "\n" + id, i + 1);
                    cellsById.put(worksheet + "\n" + id, rows.get(i));
                }
            }
            nextRow.put(worksheet, Math.max(rows.size(), headerRows) + 1);
        }
        List<SheetsApi.CellWrite> writes = new ArrayList<>();
        for (StoredEvent event : events.values()) {
            String worksheet = (String) event.sheetValues().get("sheet_name");
            String key = worksheet + "\n" + event.id();
            List<String> cells = cellsById.getOrDefault(key, List.of());
            Integer row = rowById.get(key);
            if (row == null) {
                row = nextRow.merge(worksheet, 1, Integer::sum) - 1;
                report.inserted();
            }
            List<SheetsApi.CellWrite> fixes = outputs.differing(worksheet, row, cells, wanted(event, cells));
            if (!fixes.isEmpty()) {
                report.changed(worksheet);
            }
            writes.addAll(fixes);
            report.found(worksheet, 1);
        }
        if (!writes.isEmpty()) {
            api.write(writes);
            report.written(writes.size());
            LOG.info("reverse sync: {} cell(s) written, {} row(s) appended", writes.size(), report.rowsInserted());
        }
        return report;
    }

    private Map<String, String> wanted(StoredEvent event, List<String> cells) {
        Map<String, String> out = new LinkedHashMap<>();
        for (SheetField field : SheetField.values()) {
            if (columns.has(field.column())) {
                out.put(field.column(), field.format(event.sheetValues().get(field.column()), times));
            }
        }
        out.putAll(outputs.of(event, cells));
        out.put("id", event.id());
        return out;
    }
}

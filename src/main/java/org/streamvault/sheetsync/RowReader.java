package org.streamvault.sheetsync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a worksheet's rows into {@link SheetRow}s, skipping the header and empty rows, cell by cell. */
final class RowReader {
    private final SheetColumns columns;
    private final SheetTimes times;
    private final int headerRows;
    private final OnceLog warnings;

    RowReader(SheetColumns columns, SheetTimes times, int headerRows, OnceLog warnings) {
        this.columns = columns;
        this.times = times;
        this.headerRows = headerRows;
        this.warnings = warnings;
    }

    List<SheetRow> read(String worksheet, List<List<String>> rows, SyncReport report) {
        List<SheetRow> out = new ArrayList<>();
        for (int i = headerRows; i < rows.size(); i++) {
            List<String> cells = rows.get(i);
            if (cells.stream().allMatch(c -> c == null || c.isBlank())) {
                continue;
            }
            out.add(row(worksheet, i + 1, cells, report));
        }
        return out;
    }

    private SheetRow row(String worksheet, int number, List<String> cells, SyncReport report) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("sheet_name", worksheet);
        for (SheetField field : SheetField.values()) {
            if (!columns.has(field.column())) {
                continue;
            }
            String cell = columns.cell(cells, field.column());
            try {
                values.put(field.column(), field.parse(cell, times));
            } catch (MalformedCellException e) {
                report.problem(e.kind());
                warnings.warn(A1.sheet(worksheet) + " row " + number + ", " + field.column() + ": " + e.getMessage()
                        + "; the database keeps its value until the cell is fixed");
            }
        }
        return new SheetRow(worksheet, number, cells, columns.cell(cells, "id").strip(), values);
    }
}

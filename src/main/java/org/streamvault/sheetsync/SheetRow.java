package org.streamvault.sheetsync;

import java.util.List;
import java.util.Map;

/**
 * One row of a worksheet, read.
 *
 * @param worksheet the worksheet (its name is the row's {@code sheet_name})
 * @param number    the row's number in the sheet (1 = the first row)
 * @param cells     the cells as displayed
 * @param id        the id cell, stripped; empty when the row has none yet
 * @param values    {@code sheet_name} and every {@link SheetField} column that could be read; a
 *                  malformed cell's column is absent, so its database value stays as it is
 */
public record SheetRow(String worksheet, int number, List<String> cells, String id, Map<String, Object> values) {

    public SheetRow withId(String newId) {
        return new SheetRow(worksheet, number, cells, newId, values);
    }

    /** Where this row is, for log lines: {@code 'Day 1' row 12}. */
    public String where() {
        return A1.sheet(worksheet) + " row " + number;
    }
}

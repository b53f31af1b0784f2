package org.streamvault.sheetsync;

import java.util.List;
import java.util.Map;

/** The two things the sync asks of the spreadsheet: read worksheets, write cells. */
public interface SheetsApi {
    /**
     * The rows of each worksheet from A1 to column {@code lastColumn} (0-based), each a list of
     * the cells as displayed; trailing empty cells and rows may be missing.
     */
    Map<String, List<List<String>>> read(List<String> worksheets, int lastColumn) throws SheetsApiException;

    /** Writes every cell in one request. */
    void write(List<CellWrite> cells) throws SheetsApiException;

    /**
     * One cell to write.
     *
     * @param row    1-based, as the sheet numbers rows
     * @param column 0-based (0 = A)
     */
    record CellWrite(String worksheet, int row, int column, String value) {
        /** The cell in A1 notation, e.g. {@code 'Day 1'!P12}. */
        public String a1() {
            return A1.cell(worksheet, row, column);
        }
    }
}

package org.streamvault.sheetsync;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one pass found and did: rows found and changed per worksheet, problems by kind
 * ({@code malformed_time}, {@code malformed_boolean}, {@code missing_id}, {@code duplicate_id}),
 * ids allocated, rows inserted, cells written back.
 */
public final class SyncReport {
    private final Map<String, Integer> rowsFound = new TreeMap<>();
    private final Map<String, Integer> rowsChanged = new TreeMap<>();
    private final Map<String, Integer> problems = new TreeMap<>();
    private int idsAllocated;
    private int rowsInserted;
    private int cellsWritten;

    void found(String worksheet, int rows) {
        rowsFound.merge(worksheet, rows, Integer::sum);
    }

    void changed(String worksheet) {
        rowsChanged.merge(worksheet, 1, Integer::sum);
    }

    void problem(String kind) {
        problems.merge(kind, 1, Integer::sum);
    }

    void allocated() {
        idsAllocated++;
    }

    void inserted() {
        rowsInserted++;
    }

    void written(int cells) {
        cellsWritten += cells;
    }

    /** Rows with an id (or given one) per worksheet read this pass. */
    public Map<String, Integer> rowsFound() {
        return rowsFound;
    }

    /** Rows inserted or updated in the database, per worksheet. */
    public Map<String, Integer> rowsChanged() {
        return rowsChanged;
    }

    public Map<String, Integer> problems() {
        return problems;
    }

    public int idsAllocated() {
        return idsAllocated;
    }

    public int rowsInserted() {
        return rowsInserted;
    }

    public int cellsWritten() {
        return cellsWritten;
    }

    @Override
    public String toString() {
        return "found " + rowsFound + ", changed " + rowsChanged + ", " + idsAllocated + " id(s) allocated, "
                + cellsWritten + " cell(s) written" + (problems.isEmpty() ? "" : ", problems " + problems);
    }
}

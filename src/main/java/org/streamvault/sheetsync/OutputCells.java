package org.streamvault.sheetsync;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The database-owned cells of a row: {@code state}, {@code video_link}, {@code error} and the
 * editor link. As in wubloader, the edit link appears only on rows whose "marked for edit" cell
 * says {@code editMarker} (so a stray click does not invite an edit, and the operator sees the
 * sheet is being read), and is cleared again when the mark goes; an empty marker links every row.
 */
public final class OutputCells {
    private final SheetColumns columns;
    private final String editUrl;
    private final String editMarker;

    /** @param editUrl the editor's address with {@code {id}} where the id goes; empty = no links */
    public OutputCells(SheetColumns columns, String editUrl, String editMarker) {
        this.columns = columns;
        this.editUrl = editUrl;
        this.editMarker = editMarker.strip();
    }

    /** Column → wanted cell text, for the columns this worksheet has. */
    Map<String, String> of(StoredEvent event, List<String> rowCells) {
        Map<String, String> out = new LinkedHashMap<>();
        put(out, "state", event.state());
        put(out, "video_link", event.videoLink());
        put(out, "error", event.error());
        if (!editUrl.isEmpty()) {
            boolean marked = editMarker.isEmpty() || columns.cell(rowCells, "marked_for_edit").strip().equals(editMarker);
            put(out, "edit_link", marked ? editUrl.replace("{id}", event.id()) : "");
        }
        return out;
    }

    /** The writes that make {@code row}'s cells say {@code wanted}; none for cells already right. */
    List<SheetsApi.CellWrite> differing(String worksheet, int rowNumber, List<String> rowCells, Map<String, String> wanted) {
        return wanted.entrySet().stream()
                .filter(e -> !columns.cell(rowCells, e.getKey()).equals(e.getValue()))
                .map(e -> new SheetsApi.CellWrite(worksheet, rowNumber, columns.of(e.getKey()), e.getValue()))
                .toList();
    }

    private void put(Map<String, String> out, String column, String value) {
        if (columns.has(column)) {
            out.put(column, value == null ? "" : value);
        }
    }
}

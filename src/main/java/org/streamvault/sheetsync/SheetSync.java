package org.streamvault.sheetsync;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sheet → database pass (wubloader's sheetsync): read the picked worksheets in one request,
 * give new rows ids, bring each row's sheet-owned columns into {@code events} in one transaction,
 * then write the database-owned cells back where they differ, in one request.
 *
 * <ul>
 * <li>A row with no id but a time and a description gets a new id, written into the sheet
 *     <em>before</em> the row is inserted: if that write fails nothing is inserted, so a row can
 *     never end up in the database twice under two ids.</li>
 * <li>Other rows without an id are skipped (warned once); of rows sharing an id the first wins.</li>
 * <li>A malformed cell leaves its column alone; the row's other columns still sync.</li>
 * <li>A row gone from the sheet is left in the database: nothing here ever deletes.</li>
 * </ul>
 */
public final class SheetSync {
    private static final Logger LOG = LoggerFactory.getLogger(SheetSync.class);

    private final SheetsApi api;
    private final SheetEventStore store;
    private final SheetColumns columns;
    private final WorksheetPicker picker;
    private final RowReader reader;
    private final OutputCells outputs;
    private final boolean allocateIds;
    private final Supplier<String> newId;
    private final OnceLog warnings = new OnceLog(LOG);
    private final PlaylistSheet playlists;

    /** What the database pass did (a fresh one per attempt: a serialization failure reruns it). */
    private record Applied(Map<String, StoredEvent> events, Set<String> changedIds, int inserted,
            int playlistsChanged) {
    }

    public SheetSync(SheetsApi api, SheetEventStore store, SheetColumns columns, SheetTimes times, int headerRows,
            WorksheetPicker picker, OutputCells outputs, boolean allocateIds, Supplier<String> newId) {
        this(api, store, columns, times, headerRows, picker, outputs, allocateIds, newId, null);
    }

    /** @param playlists the playlists worksheet, read on every pass with the events; null = none */
    public SheetSync(SheetsApi api, SheetEventStore store, SheetColumns columns, SheetTimes times, int headerRows,
            WorksheetPicker picker, OutputCells outputs, boolean allocateIds, Supplier<String> newId,
            PlaylistSheet playlists) {
        this.api = api;
        this.store = store;
        this.columns = columns;
        this.picker = picker;
        this.reader = new RowReader(columns, times, headerRows, warnings);
        this.outputs = outputs;
        this.allocateIds = allocateIds;
        this.newId = newId;
        this.playlists = playlists;
    }

    public SyncReport run() throws SheetsApiException {
        List<String> worksheets = picker.next();
        List<String> ranges = new ArrayList<>(worksheets);
        if (playlists != null) {
            ranges.add(playlists.worksheet());
        }
        Map<String, List<List<String>>> sheet = api.read(ranges,
                Math.max(columns.last(), playlists == null ? 0 : playlists.lastColumn()));
        SyncReport report = new SyncReport();
        List<SheetRow> rows = new ArrayList<>();
        for (String worksheet : worksheets) {
            // an emptied worksheet reports 0 rows, not the count of the last pass that found some
            report.found(worksheet, 0);
            rows.addAll(reader.read(worksheet, sheet.getOrDefault(worksheet, List.of()), report));
        }
        List<SheetsApi.CellWrite> idCells = new ArrayList<>();
        List<PlaylistSheet.Row> playlistRows = playlists == null ? List.of()
                : playlists.read(sheet.getOrDefault(playlists.worksheet(), List.of()), report, newId, idCells);
        rows = withIds(rows, report, idCells);
        Map<String, SheetRow> byId = unique(rows, report);
        Applied applied = store.transaction(c -> {
            Map<String, StoredEvent> before = store.load(c, byId.keySet());
            Set<String> changed = new HashSet<>();
            int inserted = 0;
            for (SheetRow row : byId.values()) {
                StoredEvent stored = before.get(row.id());
                Map<String, Object> wanted = storable(row.values(), stored);
                if (stored == null) {
                    store.insert(c, row.id(), wanted);
                    changed.add(row.id());
                    inserted++;
                } else {
                    Map<String, Object> differing = differing(wanted, stored.sheetValues());
                    if (!differing.isEmpty()) {
                        store.update(c, row.id(), differing);
                        changed.add(row.id());
                    }
                }
            }
            int playlistsChanged = playlists == null ? 0 : playlists.apply(c, playlistRows);
            return new Applied(changed.isEmpty() ? before : store.load(c, byId.keySet()), changed, inserted,
                    playlistsChanged);
        });
        for (int i = 0; i < applied.playlistsChanged(); i++) {
            report.changed(playlists.worksheet());
        }
        List<SheetsApi.CellWrite> writes = new ArrayList<>();
        for (SheetRow row : byId.values()) {
            report.found(row.worksheet(), 1);
            if (applied.changedIds().contains(row.id())) {
                report.changed(row.worksheet());
                picker.changed(row.worksheet());
            }
            StoredEvent event = applied.events().get(row.id());
            if (event != null) {
                writes.addAll(outputs.differing(row.worksheet(), row.number(), row.cells(), outputs.of(event, row.cells())));
            }
        }
        for (int i = 0; i < applied.inserted(); i++) {
            report.inserted();
        }
        if (!writes.isEmpty()) {
            api.write(writes);
            report.written(writes.size());
        }
        return report;
    }

    /** Rows that have an id, new ids included: these and {@code idCells} are written into the sheet first. */
    private List<SheetRow> withIds(List<SheetRow> rows, SyncReport report, List<SheetsApi.CellWrite> idCells)
            throws SheetsApiException {
        List<SheetRow> out = new ArrayList<>();
        for (SheetRow row : rows) {
            if (!row.id().isEmpty()) {
                out.add(row);
            } else if (allocateIds && row.values().get("event_start") != null
                    && !Objects.toString(row.values().get("description"), "").isBlank()) {
                SheetRow given = row.withId(newId.get());
                LOG.info("{}: new event, id {}", row.where(), given.id());
                idCells.add(new SheetsApi.CellWrite(row.worksheet(), row.number(), columns.of("id"), given.id()));
                out.add(given);
                report.allocated();
            } else {
                report.problem("missing_id");
                warnings.warn(row.where() + " has no id and is skipped: a new event needs a readable time and a"
                        + " description to be given one");
            }
        }
        if (!idCells.isEmpty()) {
            api.write(idCells);
            report.written(idCells.size());
        }
        return out;
    }

    private Map<String, SheetRow> unique(List<SheetRow> rows, SyncReport report) {
        Map<String, SheetRow> byId = new LinkedHashMap<>();
        for (SheetRow row : rows) {
            SheetRow first = byId.get(row.id());
            if (first != null) {
                report.problem("duplicate_id");
                warnings.warn(row.where() + " has the id " + row.id() + " of " + first.where()
                        + ", which wins; this row is skipped until one of them is changed");
            } else {
                byId.put(row.id(), row);
            }
        }
        return byId;
    }

    /**
     * The row's values as the database must hold them: a dashed end takes the event's start
     * (the sheet's, or the stored one when the start cell is malformed), and the stored end
     * follows a changed start too when the end cell is malformed.
     */
    static Map<String, Object> storable(Map<String, Object> values, StoredEvent stored) {
        Map<String, Object> out = new LinkedHashMap<>(values);
        Object start = out.containsKey("event_start") ? out.get("event_start")
                : stored == null ? null : stored.sheetValues().get("event_start");
        EndTime end = (EndTime) (out.containsKey("event_end") ? out.get("event_end")
                : stored == null ? null : stored.sheetValues().get("event_end"));
        if (end != null && end.dashed()) {
            out.put("event_end", end.withStart((java.time.LocalDateTime) start));
        }
        return out;
    }

    private static Map<String, Object> differing(Map<String, Object> wanted, Map<String, Object> stored) {
        Map<String, Object> out = new LinkedHashMap<>();
        wanted.forEach((column, value) -> {
            if (!Objects.equals(value, stored.get(column))) {
                out.put(column, value);
            }
        });
        return out;
    }
}

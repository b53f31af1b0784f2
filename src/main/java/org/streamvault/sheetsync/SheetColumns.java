package org.streamvault.sheetsync;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where each known column is on a worksheet (0-based), from {@code streamvault.sheetsync.columns}
 * ({@code name=index} pairs, comma-separated) over wubloader's defaults (SPEC §11). A name left
 * out keeps its default; {@code name=-1} means the worksheet has no such column.
 */
public final class SheetColumns {
    /** wubloader's events worksheet layout; column 10 is the operators' own. */
    public static final Map<String, Integer> EVENT_DEFAULTS = ordered("event_start", 0, "event_end", 1, "category", 2,
            "description", 3, "submitter_winner", 4, "poster_moment", 5, "image_links", 6, "marked_for_edit", 7,
            "notes", 8, "tags", 9, "video_link", 11, "state", 12, "edit_link", 13, "error", 14, "id", 15);

    private final Map<String, Integer> index;

    private SheetColumns(Map<String, Integer> index) {
        this.index = index;
    }

    /**
     * @param overrides {@code name=index,...}; empty = the defaults
     * @throws IllegalArgumentException naming the bad pair
     */
    public static SheetColumns parse(String overrides, Map<String, Integer> defaults) {
        return parse("streamvault.sheetsync.columns", overrides, defaults);
    }

    /** @param key the setting's name, for the error message */
    public static SheetColumns parse(String key, String overrides, Map<String, Integer> defaults) {
        Map<String, Integer> map = new LinkedHashMap<>(defaults);
        for (String pair : overrides.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            String name = kv[0].strip();
            if (kv.length != 2 || !defaults.containsKey(name)) {
                throw new IllegalArgumentException(key + ": '" + pair.strip()
                        + "' is not name=index with a name out of " + defaults.keySet());
            }
            try {
                map.put(name, Integer.parseInt(kv[1].strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + ": '" + pair.strip()
                        + "' needs a column number (0 = A)");
            }
        }
        if (map.getOrDefault("id", -1) < 0) {
            throw new IllegalArgumentException(key + ": the id column cannot be left out");
        }
        return new SheetColumns(map);
    }

    /** The column's index, or -1 when the worksheet has none. */
    public int of(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    public boolean has(String name) {
        return of(name) >= 0;
    }

    /** The rightmost column used, so a read can stop there. */
    public int last() {
        return index.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** The cell of {@code name} in {@code row} ("" when the row is shorter or has no such column). */
    public String cell(java.util.List<String> row, String name) {
        int i = of(name);
        return i < 0 || i >= row.size() || row.get(i) == null ? "" : row.get(i);
    }

    private static Map<String, Integer> ordered(Object... kv) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Integer) kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}

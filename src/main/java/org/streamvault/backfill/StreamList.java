package org.streamvault.backfill;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses the shared {@code streamvault.channels} and {@code streamvault.qualities} settings:
 * comma-separated, blanks ignored, duplicates dropped. A trailing {@code !} marks an important
 * channel for the downloader; the backfiller copies it like any other, so it is stripped.
 */
public final class StreamList {
    private StreamList() {
    }

    public static List<String> parse(String setting) {
        Set<String> out = new LinkedHashSet<>();
        for (String part : setting == null ? new String[0] : setting.split(",")) {
            String name = part.strip();
            if (name.endsWith("!")) {
                name = name.substring(0, name.length() - 1).strip();
            }
            if (!name.isEmpty()) {
                out.add(name);
            }
        }
        return new ArrayList<>(out);
    }
}

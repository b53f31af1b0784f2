package org.streamvault.metrics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One channel/quality the downloader records, from {@code streamvault.channels} (a comma list;
 * a trailing {@code !} marks an <em>important</em> channel, one expected to be live all the
 * time, as in wubloader) × {@code streamvault.qualities}.
 *
 * @param important whether the channel ended in {@code !}
 */
public record ConfiguredStream(String channel, String quality, boolean important) {

    /** Every configured stream; blanks and duplicates are dropped. Empty input gives an empty list. */
    public static List<ConfiguredStream> parse(String channels, String qualities) {
        List<String> qs = split(qualities);
        List<ConfiguredStream> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String entry : split(channels)) {
            boolean important = entry.endsWith("!");
            String channel = important ? entry.substring(0, entry.length() - 1).strip() : entry;
            if (channel.isEmpty() || !seen.add(channel)) {
                continue;
            }
            for (String q : qs) {
                out.add(new ConfiguredStream(channel, q, important));
            }
        }
        return out;
    }

    private static List<String> split(String list) {
        List<String> out = new ArrayList<>();
        if (list != null) {
            for (String part : list.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return channel + "/" + quality;
    }
}

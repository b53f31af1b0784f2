package org.streamvault.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One channel/quality this node works on, from the shared settings {@code streamvault.channels}
 * (a comma list; a trailing {@code !} marks an <em>important</em> channel, one expected to be
 * live all the time and retried faster when down, as in wubloader) × {@code streamvault.qualities}
 * (default {@code source}). The downloader, the backfiller and the stall check all read the
 * settings through {@link #parse}, so they agree on the syntax and refuse the same bad names.
 *
 * @param important whether the channel ended in {@code !}
 */
public record ConfiguredStream(String channel, String quality, boolean important) {
    /** A name that is one plain path part of the store. */
    private static final String NAME = "[A-Za-z0-9_][A-Za-z0-9_.-]*";

    /**
     * Every configured stream, channels in order with each quality; blanks and duplicate channels
     * are dropped. Empty channels give an empty list.
     *
     * @throws IllegalArgumentException naming the setting and the value, for a name that is not
     *                                  a plain store directory name
     */
    public static List<ConfiguredStream> parse(String channels, String qualities) {
        List<String> qs = split(qualities);
        if (qs.isEmpty()) {
            qs = List.of("source");
        }
        for (String q : qs) {
            if (!q.matches(NAME)) {
                throw new IllegalArgumentException("streamvault.qualities: '" + q
                        + "' is not a quality name (letters, digits, _ . -)");
            }
        }
        List<ConfiguredStream> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String entry : split(channels)) {
            boolean important = entry.endsWith("!");
            String channel = important ? entry.substring(0, entry.length() - 1).strip() : entry;
            if (!channel.matches(NAME)) {
                throw new IllegalArgumentException("streamvault.channels: '" + entry
                        + "' is not a channel name (letters, digits, _ . -; '!' suffix for important)");
            }
            if (!seen.add(channel)) {
                continue;
            }
            for (String q : new LinkedHashSet<>(qs)) {
                out.add(new ConfiguredStream(channel, q, important));
            }
        }
        return out;
    }

    /** The distinct channels of {@code streams}, in order. */
    public static List<String> channels(List<ConfiguredStream> streams) {
        return streams.stream().map(ConfiguredStream::channel).distinct().toList();
    }

    /** The distinct qualities of {@code streams}, in order. */
    public static List<String> qualities(List<ConfiguredStream> streams) {
        return streams.stream().map(ConfiguredStream::quality).distinct().toList();
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

package org.streamvault.hls;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed master playlist: its variants in listed order.
 *
 * <p>Qualities are chosen by rendition name. {@code source} is the Twitch source rendition
 * (VIDEO group {@code chunked}, or a NAME ending {@code (source)}), else the first variant
 * listed, which is the highest by convention. Any other quality matches a VIDEO group id or a
 * rendition NAME, ignoring case ({@code 720p60}).
 */
public record MasterPlaylist(List<Variant> variants) {

    /** True when {@code text} is a master playlist rather than a media playlist. */
    public static boolean isMaster(String text) {
        return text.contains("#EXT-X-STREAM-INF");
    }

    public static MasterPlaylist parse(String text, URI base) throws PlaylistException {
        String[] lines = text.split("\r?\n|\r");
        if (lines.length == 0 || !MediaPlaylistParser.stripBom(lines[0]).trim().equals("#EXTM3U")) {
            throw new PlaylistException("not an HLS playlist (first line is not #EXTM3U)");
        }
        Map<String, String> videoNames = new HashMap<>();
        List<Variant> variants = new ArrayList<>();
        Map<String, String> pending = null;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.startsWith("#EXT-X-MEDIA:")) {
                Map<String, String> a = AttributeList.parse(line.substring(13));
                if ("VIDEO".equals(a.get("TYPE")) && a.containsKey("GROUP-ID")) {
                    videoNames.putIfAbsent(a.get("GROUP-ID"), a.getOrDefault("NAME", ""));
                }
            } else if (line.startsWith("#EXT-X-STREAM-INF:")) {
                pending = AttributeList.parse(line.substring(18));
            } else if (!line.isEmpty() && !line.startsWith("#") && pending != null) {
                long bandwidth = 0;
                try {
                    bandwidth = Long.parseLong(pending.getOrDefault("BANDWIDTH", "0"));
                } catch (NumberFormatException e) {
                    // a broken BANDWIDTH only matters for ordering, which we do not use
                }
                String group = pending.getOrDefault("VIDEO", "");
                variants.add(new Variant(MediaPlaylistParser.resolve(base, line), bandwidth, group,
                        videoNames.getOrDefault(group, "")));
                pending = null;
            }
        }
        if (variants.isEmpty()) {
            throw new PlaylistException("master playlist lists no variants");
        }
        return new MasterPlaylist(List.copyOf(variants));
    }

    /** The variant recorded as {@code quality}, if the origin offers it. */
    public Optional<Variant> select(String quality) {
        String q = quality.toLowerCase(Locale.ROOT);
        for (Variant v : variants) {
            String group = v.videoGroup().toLowerCase(Locale.ROOT);
            String name = v.name().toLowerCase(Locale.ROOT);
            if (q.equals("source") && (group.equals("chunked") || name.endsWith("(source)"))) {
                return Optional.of(v);
            }
            if (q.equals(group) || q.equals(name) || q.equals(name.replace(" (source)", ""))) {
                return Optional.of(v);
            }
        }
        return q.equals("source") ? Optional.of(variants.get(0)) : Optional.empty();
    }
}

package org.streamvault.cut;

import java.util.ArrayList;
import java.util.List;

/**
 * The streams of a media file as ffprobe reports them, in index order: enough to re-encode a
 * segment with the codecs it already has, and to know whether there is audio at all.
 */
record MediaStreams(List<Stream> streams) {

    /** One stream: its index in the file, {@code video}/{@code audio}/{@code data}/..., codec name. */
    record Stream(int index, String type, String codec) {
    }

    boolean has(String type) {
        return streams.stream().anyMatch(s -> s.type().equals(type));
    }

    /**
     * Parses {@code ffprobe -show_entries stream=index,codec_type,codec_name
     * -of default=noprint_wrappers=1} output: {@code key=value} lines, a new stream at each
     * {@code index=} line.
     */
    static MediaStreams parse(String text) {
        List<Stream> out = new ArrayList<>();
        int index = -1;
        String type = "";
        String codec = "";
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            switch (key) {
                case "index" -> {
                    if (index >= 0) {
                        out.add(new Stream(index, type, codec));
                    }
                    index = Integer.parseInt(value);
                    type = "";
                    codec = "";
                }
                case "codec_type" -> type = value;
                case "codec_name" -> codec = value;
                default -> {
                    // other entries are not needed
                }
            }
        }
        if (index >= 0) {
            out.add(new Stream(index, type, codec));
        }
        return new MediaStreams(List.copyOf(out));
    }
}

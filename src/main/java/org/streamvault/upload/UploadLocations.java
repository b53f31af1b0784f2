package org.streamvault.upload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.streamvault.cut.CutSettings;
import org.streamvault.cut.CutType;
import org.streamvault.cut.Encoding;
import org.streamvault.upload.local.LocalBackend;

/**
 * Parses {@code streamvault.cutter.upload-locations}: a JSON object (inline, or
 * {@code @/path/to/file.json}) mapping a location name to its settings, e.g.
 * {@code {"local": {"type": "local", "path": "/srv/clips", "cut_type": "fast"}}}.
 *
 * <p>Common keys: {@code type} ({@code local} or another registered backend), {@code cut_type}
 * ({@code fast}, {@code smart} or {@code full}), for full: {@code encode_args} (ffmpeg output
 * options) and {@code format} ({@code mp4}, the default, or {@code mpegts}). The rest belong
 * to the backend. Every mistake is reported in one line naming the location and key.
 */
public final class UploadLocations {
    /** Builds a backend of one {@code type} from its location's settings. */
    @FunctionalInterface
    public interface BackendFactory {
        UploadBackend create(String location, JsonNode settings, Path credentialsFile) throws IOException;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private UploadLocations() {
    }

    /** The built-in backend types; more (youtube) are added by their packages. */
    public static Map<String, BackendFactory> builtInFactories() {
        Map<String, BackendFactory> factories = new LinkedHashMap<>();
        factories.put("local", (name, s, creds) -> new LocalBackend(Path.of(required(name, s, "path")),
                s.path("url_prefix").asText(""), s.path("sidecar").asBoolean(true)));
        return factories;
    }

    public static Map<String, UploadLocation> parse(String setting, Map<String, BackendFactory> factories,
            Path credentialsFile) {
        String text = setting == null ? "" : setting.strip();
        if (text.isEmpty()) {
            return Map.of();
        }
        try {
            if (text.startsWith("@")) {
                text = Files.readString(Path.of(text.substring(1)));
            }
            JsonNode root = JSON.readTree(text);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("upload-locations must be a JSON object of name -> settings");
            }
            Map<String, UploadLocation> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : root.properties()) {
                out.put(e.getKey(), location(e.getKey(), e.getValue(), factories, credentialsFile));
            }
            return Map.copyOf(out);
        } catch (IOException e) {
            throw new IllegalArgumentException("upload-locations: " + e.getMessage().split("\n")[0], e);
        }
    }

    private static UploadLocation location(String name, JsonNode s, Map<String, BackendFactory> factories,
            Path credentialsFile) throws IOException {
        if (!s.isObject()) {
            throw new IllegalArgumentException("upload location '" + name + "' must be a JSON object");
        }
        String type = required(name, s, "type");
        BackendFactory factory = factories.get(type);
        if (factory == null) {
            throw new IllegalArgumentException("upload location '" + name + "': unknown type '" + type + "' (known: "
                    + String.join(", ", factories.keySet()) + ")");
        }
        String cut = s.path("cut_type").asText("fast");
        CutType cutType;
        Encoding encoding = null;
        switch (cut) {
            case "fast" -> cutType = CutType.FAST;
            case "smart" -> cutType = CutType.SMART;
            case "full" -> {
                String format = s.path("format").asText("mp4");
                if (!Set.of("mp4", "mpegts").contains(format)) {
                    throw new IllegalArgumentException("upload location '" + name + "': format must be mp4 or mpegts");
                }
                cutType = format.equals("mp4") ? CutType.MP4 : CutType.MPEGTS;
                String args = s.path("encode_args").asText(CutSettings.DEFAULT_VIDEO_ARGS
                        + (format.equals("mp4") ? " -movflags +faststart" : ""));
                encoding = new Encoding(Encoding.splitArgs(args), format, format.equals("mp4"));
            }
            default -> throw new IllegalArgumentException(
                    "upload location '" + name + "': cut_type must be fast, smart or full, not '" + cut + "'");
        }
        return new UploadLocation(name, cutType, encoding, factory.create(name, s, credentialsFile));
    }

    static String required(String location, JsonNode s, String key) {
        JsonNode v = s.get(key);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("upload location '" + location + "' needs \"" + key + "\"");
        }
        return v.asText();
    }
}

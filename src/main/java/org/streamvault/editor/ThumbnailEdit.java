package org.streamvault.editor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.streamvault.restream.HttpProblem;

/**
 * An edit's thumbnail columns (SPEC §10), stored as sent: {@code thumbnail_mode} (required) and
 * whichever of time, template, image (base64 PNG, CUSTOM only), crop and location the body has.
 * A column absent from the body keeps its value, so switching modes back and forth loses nothing
 * (as in wubloader). What each mode needs is the schema's CHECK; it is checked here first, so the
 * answer is a 400 naming the field rather than a constraint error.
 *
 * <p>{@code thumbnail_image} is the upload for CUSTOM (a PNG by its signature, at most
 * {@code maxBytes}); for BARE and TEMPLATE it is the cutter's saved copy of what it rendered, so a
 * save in those modes that changes what the thumbnail is made from clears it (whatever the body
 * sent back), so the next render starts afresh.
 */
record ThumbnailEdit(String mode, Map<String, Object> columns) {
    static final List<String> MODES = List.of("NONE", "BARE", "TEMPLATE", "CUSTOM");
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** The body's thumbnail fields; {@code mode} null when thumbnail_mode is null (a draft). */
    static ThumbnailEdit parse(JsonBody body, int maxBytes) {
        String mode = body.string("thumbnail_mode");
        if (mode != null && !MODES.contains(mode)) {
            throw HttpProblem.badRequest("thumbnail_mode must be one of " + String.join(", ", MODES) + ", not '"
                    + JsonBody.abbreviate(mode) + "'");
        }
        Map<String, Object> columns = new LinkedHashMap<>();
        if (body.has("thumbnail_time")) {
            Long time = body.time("thumbnail_time");
            columns.put("thumbnail_time", time == null ? null : RowJson.dateTime(time));
        }
        if (body.has("thumbnail_template")) {
            columns.put("thumbnail_template", body.string("thumbnail_template"));
        }
        if ("CUSTOM".equals(mode)) {
            if (body.has("thumbnail_image")) {
                columns.put("thumbnail_image", image(body.string("thumbnail_image"), maxBytes));
            }
        } else if (mode != null) {
            columns.put("thumbnail_image", null);
        }
        for (String box : List.of("thumbnail_crop", "thumbnail_location")) {
            if (body.has(box)) {
                columns.put(box, box(box, body.raw(box)));
            }
        }
        return new ThumbnailEdit(mode, columns);
    }

    /**
     * This edit without clearing the saved copy of the rendered thumbnail when it changes nothing
     * the thumbnail is made from (mode, time, template, crop, location; {@code stored} holds the
     * row's, as the column types the edit uses), as a save of a published
     * video's new title does: the cutter then sends the saved copy rather than rendering again from
     * segments that may be gone by now.
     */
    ThumbnailEdit keepingSavedCopyUnlessChanged(Map<String, Object> stored) {
        if (mode == null || "CUSTOM".equals(mode) || !columns.containsKey("thumbnail_image")
                || !mode.equals(stored.get("thumbnail_mode"))) {
            return this;
        }
        for (Map.Entry<String, Object> e : columns.entrySet()) {
            if (!e.getKey().equals("thumbnail_image") && !java.util.Objects.deepEquals(e.getValue(), stored.get(e.getKey()))) {
                return this;
            }
        }
        Map<String, Object> kept = new LinkedHashMap<>(columns);
        kept.remove("thumbnail_image");
        return new ThumbnailEdit(mode, kept);
    }

    /** The template this edit names, or {@code stored} when the body leaves it as it is. */
    String template(String stored) {
        return columns.containsKey("thumbnail_template") ? (String) columns.get("thumbnail_template") : stored;
    }

    /** What the row's state will need of the mode ({@code mode} must be set outside drafts). */
    void requireInputs(Map<String, Object> stored) {
        if (mode == null || mode.equals("NONE")) {
            return;
        }
        List<String> needed = switch (mode) {
            case "BARE" -> List.of("thumbnail_time");
            case "TEMPLATE" -> List.of("thumbnail_time", "thumbnail_template", "thumbnail_crop", "thumbnail_location");
            default -> List.of("thumbnail_image");
        };
        List<String> missing = new ArrayList<>();
        for (String column : needed) {
            Object value = columns.containsKey(column) ? columns.get(column) : stored.get(column);
            if (value == null) {
                missing.add(column);
            }
        }
        if (!missing.isEmpty()) {
            throw HttpProblem.badRequest("thumbnail_mode " + mode + " needs " + String.join(", ", missing));
        }
    }

    private static byte[] image(String base64, int maxBytes) {
        if (base64 == null) {
            return null;
        }
        byte[] png;
        try {
            png = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest("thumbnail_image must be valid base64");
        }
        if (png.length < PNG_MAGIC.length || !java.util.Arrays.equals(png, 0, PNG_MAGIC.length, PNG_MAGIC, 0,
                PNG_MAGIC.length)) {
            throw HttpProblem.badRequest("thumbnail_image must be a PNG");
        }
        if (png.length > maxBytes) {
            throw new HttpProblem(413, "thumbnail_image is " + png.length + " bytes; at most " + maxBytes
                    + " (YouTube takes thumbnails up to 2 MB)");
        }
        return png;
    }

    /** A box: four integers (left, top, right, bottom), or null. */
    private static Integer[] box(String field, JsonNode json) {
        if (json == null || json.isNull()) {
            return null;
        }
        if (!json.isArray() || json.size() != 4) {
            throw HttpProblem.badRequest(field + " must be four integers: left, top, right, bottom");
        }
        Integer[] out = new Integer[4];
        for (int i = 0; i < 4; i++) {
            if (!json.get(i).canConvertToInt() || !json.get(i).isIntegralNumber()) {
                throw HttpProblem.badRequest(field + " must be four integers: left, top, right, bottom");
            }
            out[i] = json.get(i).intValue();
        }
        return out;
    }
}

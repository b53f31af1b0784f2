package org.streamvault.editor;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.streamvault.images.Box;
import org.streamvault.images.Png;
import org.streamvault.images.TemplateInfo;
import org.streamvault.restream.HttpProblem;

/**
 * The body of {@code POST /thrimshim/add-template} and {@code /update-template/{name}}, as
 * wubloader's thrimshim takes it: {@code name}, {@code description}, {@code attribution},
 * {@code crop} and {@code location} (four integers each) and {@code image} (a PNG, base64).
 * Adding needs every field; an update may leave out the image to keep the stored one. The PNG is
 * checked by its signature, its size in bytes and pixels, and by decoding it; {@code location}
 * must lie inside it.
 *
 * @param image the new PNG, or {@code null} (an update keeping the image)
 * @param width the PNG's width, or -1 without one
 */
record TemplateForm(TemplateInfo info, byte[] image, int width, int height) {
    static final int MAX_NAME_LENGTH = 100;
    static final int MAX_TEXT_LENGTH = 5000;

    static TemplateForm parse(JsonBody body, boolean imageRequired, int maxBytes, long maxPixels) {
        List<String> missing = new ArrayList<>();
        for (String key : List.of("name", "description", "attribution", "crop", "location", "image")) {
            if (!body.has(key) && (imageRequired || !key.equals("image"))) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            throw HttpProblem.badRequest("fields missing in JSON: " + String.join(", ", missing));
        }
        String name = name(body.string("name"));
        String description = text(body, "description");
        String attribution = text(body, "attribution");
        Box crop = box("crop", body.raw("crop"));
        Box location = box("location", body.raw("location"));
        String base64 = body.string("image");
        if (base64 == null && imageRequired) {
            throw HttpProblem.badRequest("image must be the template's PNG in base64");
        }
        byte[] png = null;
        int width = -1;
        int height = -1;
        if (base64 != null) {
            png = decode(base64, maxBytes);
            BufferedImage image;
            try {
                image = Png.read(png, maxPixels, "the template image");
            } catch (IllegalArgumentException e) {
                throw HttpProblem.badRequest(e.getMessage());
            }
            width = image.getWidth();
            height = image.getHeight();
        }
        TemplateForm form = new TemplateForm(new TemplateInfo(name, description, attribution, crop, location), png,
                width, height);
        if (png != null) {
            form.checkLocation(width, height);
        }
        return form;
    }

    /** 400 unless {@code location} lies inside a {@code width} x {@code height} template. */
    void checkLocation(int templateWidth, int templateHeight) {
        try {
            info.location().checkInside("location", "the template image", templateWidth, templateHeight);
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest(e.getMessage());
        }
    }

    /** Names appear in paths ({@code /thrimshim/template/NAME.png}): no slashes, no leading dot. */
    private static String name(String name) {
        if (name == null || name.isBlank()) {
            throw HttpProblem.badRequest("name must be a non-empty string");
        }
        if (name.length() > MAX_NAME_LENGTH || name.contains("/") || name.contains("\\") || name.startsWith(".")
                || !name.equals(name.strip())) {
            throw HttpProblem.badRequest("name must be at most " + MAX_NAME_LENGTH + " characters without slashes,"
                    + " a leading dot or surrounding spaces, not '" + JsonBody.abbreviate(name) + "'");
        }
        return name;
    }

    private static String text(JsonBody body, String field) {
        String value = body.string(field);
        if (value == null) {
            return "";
        }
        if (value.length() > MAX_TEXT_LENGTH) {
            throw HttpProblem.badRequest(field + " is longer than " + MAX_TEXT_LENGTH + " characters");
        }
        if (value.indexOf('<') >= 0 || value.indexOf('>') >= 0) {
            throw HttpProblem.badRequest(field + " may not contain < or > (YouTube refuses them in descriptions)");
        }
        return value;
    }

    private static byte[] decode(String base64, int maxBytes) {
        if ((long) base64.length() * 3 / 4 > maxBytes + 3L) {
            throw new HttpProblem(413, "the template image is over " + maxBytes + " bytes; at most " + maxBytes);
        }
        byte[] png;
        try {
            png = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest("image must be valid base64");
        }
        if (!Png.hasSignature(png)) {
            throw HttpProblem.badRequest("image must be a PNG");
        }
        if (png.length > maxBytes) {
            throw new HttpProblem(413, "the template image is " + png.length + " bytes; at most " + maxBytes);
        }
        return png;
    }

    /** Four integers, a non-empty box with non-negative corners. */
    private static Box box(String field, JsonNode json) {
        String usage = field + " must be four integers: left, top, right, bottom";
        if (json == null || !json.isArray() || json.size() != 4) {
            throw HttpProblem.badRequest(usage);
        }
        int[] v = new int[4];
        for (int i = 0; i < 4; i++) {
            if (!json.get(i).isIntegralNumber() || !json.get(i).canConvertToInt()) {
                throw HttpProblem.badRequest(usage);
            }
            v[i] = json.get(i).intValue();
        }
        Box box = new Box(v[0], v[1], v[2], v[3]);
        if (box.left() < 0 || box.top() < 0 || box.width() <= 0 || box.height() <= 0) {
            throw HttpProblem.badRequest(field + " " + box + " must be non-empty (right > left, bottom > top) and"
                    + " not negative");
        }
        return box;
    }
}

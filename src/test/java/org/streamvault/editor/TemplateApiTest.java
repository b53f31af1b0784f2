package org.streamvault.editor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.EventRows;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestDatabase;
import org.streamvault.testing.TestIdTokens;
import org.streamvault.testing.TestMedia;
import org.streamvault.testing.TestNode;

/**
 * Thumbnail templates and a row's thumbnail over thrimshim's paths (SPEC §10), on a real node with a
 * real database and real frames (numbered by colour): template writes need the artist role, custom
 * thumbnails are PNGs within the limit, a template's attribution is added to the stored description
 * and stripped on load, and {@code /thrimshim/event-thumbnail} shows the frame composed as the cutter
 * composes it.
 */
class TemplateApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final long T0 = Timestamps.parseUtc("2026-11-20T14:00:00");
    static final int RED = org.streamvault.testing.TestImages.RED;
    static final int MAX_TEMPLATE_BYTES = 20_000;
    static final int MAX_THUMBNAIL_BYTES = 30_000;

    @TempDir
    static Path dir;
    static TestDatabase testDb;
    static EventRows rows;
    static TestIdTokens tokens;
    static TestNode node;

    @BeforeAll
    static void setUp() throws Exception {
        StoreBuilder builder = new StoreBuilder(dir.resolve("store"), "chan", "src");
        List<Path> media = TestMedia.numberedFrames();
        for (int i = 0; i < media.size(); i++) {
            builder.addFile(T0 + i * 2_000_000L, "2.000", media.get(i));
        }
        testDb = TestDatabase.create();
        rows = new EventRows(testDb);
        TestNode.initialise(testDb);
        rows.update("INSERT INTO roles (email, name, artist) VALUES ('artist@example.org', 'An Artist', TRUE)");
        rows.update("INSERT INTO roles (email, name, editor) VALUES ('editor@example.org', 'An Editor', TRUE)");
        tokens = TestIdTokens.start();
        node = TestNode.start(dir.resolve("store"), "streamvault.editor.enabled", "true", "streamvault.db.url",
                testDb.url(), "streamvault.db.user", testDb.user(), "streamvault.restreamer.enabled", "false",
                "streamvault.editor.description-footer", "A footer.", "streamvault.editor.upload-locations", "local",
                "streamvault.editor.default-channel", "chan", "streamvault.images.max-template-bytes",
                String.valueOf(MAX_TEMPLATE_BYTES), "streamvault.editor.max-thumbnail-bytes",
                String.valueOf(MAX_THUMBNAIL_BYTES), "streamvault.editor.auth.issuer", TestIdTokens.ISSUER,
                "streamvault.editor.auth.audience", TestIdTokens.AUDIENCE, "streamvault.editor.auth.jwks-url",
                tokens.jwksUrl());
    }

    @AfterAll
    static void tearDown() throws Exception {
        node.close();
        tokens.close();
        testDb.close();
    }

    static byte[] holeTemplate() throws Exception {
        return org.streamvault.testing.TestImages.holeTemplate();
    }

    static byte[] png(BufferedImage image) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    static ObjectNode template(String name, byte[] image, String attribution) {
        ObjectNode t = JSON.createObjectNode().put("name", name).put("description", "a test template")
                .put("attribution", attribution);
        t.putArray("crop").add(0).add(0).add(80).add(90);
        t.putArray("location").add(20).add(10).add(120).add(70);
        if (image != null) {
            t.put("image", Base64.getEncoder().encodeToString(image));
        }
        return t;
    }

    HttpResponse<String> post(String path, Object body, String email) throws Exception {
        return email == null ? node.post(path, JSON.writeValueAsString(body))
                : node.post(path, JSON.writeValueAsString(body), "Authorization", "Bearer " + tokens.token(email));
    }

    static void assertRefused(HttpResponse<String> r, int status, String reason) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.body()).contains(reason);
        assertThat(r.body().strip()).doesNotContain("\n");
    }

    @Test
    void artistAddsListsAndUpdatesTemplates() throws Exception {
        byte[] image = holeTemplate();
        HttpResponse<String> added = post("/thrimshim/add-template", template("hole one", image, "Art by A."),
                "artist@example.org");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);

        JsonNode all = JSON.readTree(node.get("/thrimshim/templates").body());
        JsonNode listed = null;
        for (JsonNode t : all) {
            if (t.get("name").asText().equals("hole one")) {
                listed = t;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.get("attribution").asText()).isEqualTo("Art by A.");
        assertThat(listed.get("crop").toString()).isEqualTo("[0,0,80,90]");
        assertThat(listed.get("location").toString()).isEqualTo("[20,10,120,70]");
        assertThat(listed.has("image")).isFalse();
        assertThat(JSON.readTree(node.get("/thrimshim/template-metadata/hole%20one").body())).isEqualTo(listed);
        HttpResponse<byte[]> png = node.getBytes("/thrimshim/template/hole%20one.png");
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(png.body()).isEqualTo(image);

        // rename and new metadata, image kept (no image field)
        ObjectNode update = template("hole two", null, "Art by B.");
        update.putArray("location").add(0).add(0).add(200).add(120);
        HttpResponse<String> updated = post("/thrimshim/update-template/hole%20one", update, "artist@example.org");
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(node.get("/thrimshim/template-metadata/hole%20one").statusCode()).isEqualTo(404);
        JsonNode meta = JSON.readTree(node.get("/thrimshim/template-metadata/hole%20two").body());
        assertThat(meta.get("attribution").asText()).isEqualTo("Art by B.");
        assertThat(meta.get("location").toString()).isEqualTo("[0,0,200,120]");
        assertThat(node.getBytes("/thrimshim/template/hole%20two.png").body()).isEqualTo(image);
    }

    @Test
    void templateWritesNeedTheArtistRoleAndAPngWithinLimits() throws Exception {
        byte[] image = holeTemplate();
        assertRefused(post("/thrimshim/add-template", template("t-auth", image, ""), null), 401, "sign in first");
        assertRefused(post("/thrimshim/add-template", template("t-auth", image, ""), "editor@example.org"), 403,
                "editor@example.org is not an artist");
        assertRefused(post("/thrimshim/add-template", template("t-gif", "GIF89a....".getBytes(), ""),
                "artist@example.org"), 400, "image must be a PNG");
        BufferedImage noise = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(1);
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 100; x++) {
                noise.setRGB(x, y, random.nextInt());
            }
        }
        assertRefused(post("/thrimshim/add-template", template("t-big", png(noise), ""), "artist@example.org"), 413,
                "at most " + MAX_TEMPLATE_BYTES);
        ObjectNode outside = template("t-outside", image, "");
        outside.putArray("location").add(0).add(0).add(201).add(120);
        assertRefused(post("/thrimshim/add-template", outside, "artist@example.org"), 400,
                "reaches outside the template image (200x120)");
        ObjectNode empty = template("t-empty", image, "");
        empty.putArray("crop").add(10).add(10).add(10).add(20);
        assertRefused(post("/thrimshim/add-template", empty, "artist@example.org"), 400, "must be non-empty");
        ObjectNode missing = template("t-missing", image, "");
        missing.remove("crop");
        assertRefused(post("/thrimshim/add-template", missing, "artist@example.org"), 400, "fields missing in JSON: crop");
        assertRefused(post("/thrimshim/add-template", template("a/b", image, ""), "artist@example.org"), 400,
                "without slashes");
        assertThat(post("/thrimshim/add-template", template("t-twice", image, ""), "artist@example.org").statusCode())
                .isEqualTo(201);
        assertRefused(post("/thrimshim/add-template", template("t-twice", image, ""), "artist@example.org"), 409,
                "exists already");
        assertThat(post("/thrimshim/add-template", template("t-other", image, ""), "artist@example.org").statusCode())
                .isEqualTo(201);
        assertRefused(post("/thrimshim/update-template/t-twice", template("t-other", null, ""), "artist@example.org"),
                409, "exists already");
        assertRefused(post("/thrimshim/update-template/nope", template("nope", null, ""), "artist@example.org"), 404,
                "no template named 'nope'");
        assertRefused(post("/thrimshim/add-template", "[1]", "artist@example.org"), 400, "body must be a JSON object");
        assertThat(node.get("/thrimshim/template/nope.png").statusCode()).isEqualTo(404);
        // nothing refused was stored
        assertThat(rows.update("DELETE FROM templates WHERE name LIKE 't-%' AND name NOT IN ('t-twice', 't-other')"))
                .isZero();
    }

    /** An edit of a fresh row to EDITED with the given thumbnail fields, as the page sends it. */
    ObjectNode edit(String id, String mode) throws Exception {
        ObjectNode row = (ObjectNode) JSON.readTree(node.get("/thrimshim/" + id).body());
        row.put("state", "EDITED");
        row.putArray("video_ranges").addArray().add("2026-11-20T14:00:01Z").add("2026-11-20T14:00:05Z");
        row.putArray("video_transitions");
        row.put("video_title", "A clip");
        row.put("video_description", "What happened.");
        row.putArray("video_tags").add("clip");
        row.put("upload_location", "local");
        row.put("video_quality", "src");
        row.put("thumbnail_mode", mode);
        return row;
    }

    @Test
    void templateThumbnailAddsTheAttributionAndRendersTheFrame() throws Exception {
        assertThat(post("/thrimshim/add-template", template("framed", holeTemplate(), "Frame by C."),
                "artist@example.org").statusCode()).isEqualTo(201);
        String id = rows.insertUnedited("Friday", "2026-11-20T14:00:00", "2026-11-20T14:00:08", "Bus", "A thing");
        ObjectNode edit = edit(id, "TEMPLATE");
        int frame = 23; // shown from 2.3 s to 2.4 s
        edit.put("thumbnail_time", Timestamps.formatIso(T0 + frame * 100_000L + 50_000L));
        edit.put("thumbnail_template", "framed");
        edit.putArray("thumbnail_crop").add(0).add(0).add(80).add(90);
        edit.putArray("thumbnail_location").add(20).add(10).add(120).add(70);
        HttpResponse<String> saved = post("/thrimshim/" + id, edit, "editor@example.org");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
        assertThat(rows.get(id).get("video_description")).isEqualTo("What happened.\n\nFrame by C.\n\nA footer.");
        JsonNode loaded = JSON.readTree(node.get("/thrimshim/" + id).body());
        assertThat(loaded.get("video_description").asText()).isEqualTo("What happened.");
        assertThat(loaded.get("thumbnail_crop").toString()).isEqualTo("[0,0,80,90]");
        assertThat(loaded.get("thumbnail_template").asText()).isEqualTo("framed");

        HttpResponse<byte[]> r = node.getBytes("/thrimshim/event-thumbnail/" + id + ".png");
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(r.body()));
        assertThat(image.getWidth()).isEqualTo(200);
        assertThat(image.getHeight()).isEqualTo(120);
        assertThat(image.getRGB(5, 5)).isEqualTo(RED);
        assertThat(image.getRGB(150, 100)).isEqualTo(RED);
        // the hole shows the crop (0,0)-(80,90) of the frame: its left half, the frame's colour
        int argb = image.getRGB(60, 40);
        assertThat(TestMedia.colourDistance(argb & 0xffffff, TestMedia.frameColour(frame)))
                .as("colour %06x is frame %d's", argb & 0xffffff, frame).isLessThan(12);

        // loaded and saved again unchanged: the attribution is not doubled
        ObjectNode again = (ObjectNode) loaded;
        again.put("state", "EDITED");
        assertThat(post("/thrimshim/" + id, again, "editor@example.org").statusCode()).isEqualTo(201);
        assertThat(rows.get(id).get("video_description")).isEqualTo("What happened.\n\nFrame by C.\n\nA footer.");
        // another mode: no attribution
        again.put("thumbnail_mode", "BARE");
        assertThat(post("/thrimshim/" + id, again, "editor@example.org").statusCode()).isEqualTo(201);
        assertThat(rows.get(id).get("video_description")).isEqualTo("What happened.\n\nA footer.");
        BufferedImage bare = ImageIO.read(new ByteArrayInputStream(
                node.getBytes("/thrimshim/event-thumbnail/" + id + ".png").body()));
        assertThat(bare.getWidth()).isEqualTo(TestMedia.NUMBERED_WIDTH);
        assertThat(TestMedia.colourDistance(bare.getRGB(10, 10) & 0xffffff, TestMedia.frameColour(frame)))
                .isLessThan(12);
    }

    @Test
    void theSavedCopyOfARenderedThumbnailIsKeptUntilWhatItIsMadeFromChanges() throws Exception {
        assertThat(post("/thrimshim/add-template", template("kept", holeTemplate(), ""), "artist@example.org")
                .statusCode()).isEqualTo(201);
        String id = rows.insertUnedited("Friday", "2026-11-20T14:00:00", "2026-11-20T14:00:08", "Bus", "Saved copy");
        ObjectNode edit = edit(id, "TEMPLATE");
        edit.put("thumbnail_time", "2026-11-20T14:00:02.350Z");
        edit.put("thumbnail_template", "kept");
        edit.putArray("thumbnail_crop").add(0).add(0).add(80).add(90);
        edit.putArray("thumbnail_location").add(20).add(10).add(120).add(70);
        assertThat(post("/thrimshim/" + id, edit, "editor@example.org").statusCode()).isEqualTo(201);
        // the cutter's saved copy of what it rendered
        byte[] copy = holeTemplate();
        rows.update("UPDATE events SET thumbnail_image = ? WHERE id = ?", copy, id);

        // a new title, the row sent back as loaded (saved copy included): the copy stays
        ObjectNode again = (ObjectNode) JSON.readTree(node.get("/thrimshim/" + id).body());
        again.put("state", "EDITED").put("video_title", "Renamed");
        assertThat(post("/thrimshim/" + id, again, "editor@example.org").statusCode()).isEqualTo(201);
        assertThat(node.getBytes("/thrimshim/event-thumbnail/" + id + ".png").body()).isEqualTo(copy);

        // another frame: the copy is gone and the thumbnail is rendered from the new inputs
        again.put("thumbnail_time", "2026-11-20T14:00:04.550Z");
        assertThat(post("/thrimshim/" + id, again, "editor@example.org").statusCode()).isEqualTo(201);
        assertThat(rows.get(id).get("thumbnail_image")).isNull();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                node.getBytes("/thrimshim/event-thumbnail/" + id + ".png").body()));
        assertThat(TestMedia.colourDistance(image.getRGB(60, 40) & 0xffffff, TestMedia.frameColour(45))).isLessThan(12);
    }

    @Test
    void customThumbnailIsAPngWithinTheLimitAndServedAsUploaded() throws Exception {
        String id = rows.insertUnedited("Friday", "2026-11-20T14:00:00", "2026-11-20T14:00:08", "Bus", "Custom");
        BufferedImage blue = new BufferedImage(64, 36, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 36; y++) {
            for (int x = 0; x < 64; x++) {
                blue.setRGB(x, y, 0x0000ff);
            }
        }
        byte[] custom = png(blue);
        ObjectNode edit = edit(id, "CUSTOM");
        edit.put("thumbnail_image", "R0lGODlh");
        assertRefused(post("/thrimshim/" + id, edit, "editor@example.org"), 400, "thumbnail_image must be a PNG");
        byte[] big = new byte[MAX_THUMBNAIL_BYTES + 1];
        System.arraycopy(custom, 0, big, 0, custom.length);
        edit.put("thumbnail_image", Base64.getEncoder().encodeToString(big));
        assertRefused(post("/thrimshim/" + id, edit, "editor@example.org"), 413, "at most " + MAX_THUMBNAIL_BYTES);
        assertThat(rows.get(id).get("state")).isEqualTo("UNEDITED");

        edit.put("thumbnail_image", Base64.getEncoder().encodeToString(custom));
        HttpResponse<String> saved = post("/thrimshim/" + id, edit, "editor@example.org");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
        JsonNode loaded = JSON.readTree(node.get("/thrimshim/" + id).body());
        assertThat(Base64.getDecoder().decode(loaded.get("thumbnail_image").asText())).isEqualTo(custom);
        assertThat(node.getBytes("/thrimshim/event-thumbnail/" + id + ".png").body()).isEqualTo(custom);
    }

    @Test
    void eventThumbnailRefusesInOneLine() throws Exception {
        assertRefused(node.get("/thrimshim/event-thumbnail/nope.png"), 404, "no event with id nope");
        String none = rows.insertUnedited("Friday", "2026-11-20T14:00:00", null, "Bus", "None");
        assertRefused(node.get("/thrimshim/event-thumbnail/" + none + ".png"), 404, "thumbnail_mode NONE");
        String late = rows.insertUnedited("Friday", "2026-11-20T15:00:00", null, "Bus", "Late");
        rows.update("UPDATE events SET thumbnail_mode = 'BARE', thumbnail_time = '2026-11-20 15:00:00',"
                + " video_channel = 'chan', video_quality = 'src' WHERE id = ?", late);
        assertRefused(node.get("/thrimshim/event-thumbnail/" + late + ".png"), 406, "no video at the thumbnail time");
        rows.update("UPDATE events SET thumbnail_mode = 'TEMPLATE', thumbnail_time = '2026-11-20 14:00:01',"
                + " thumbnail_template = 'missing' WHERE id = ?", late);
        assertRefused(node.get("/thrimshim/event-thumbnail/" + late + ".png"), 406, "no thumbnail template named 'missing'");
    }
}

package org.streamvault.restream;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestDatabase;
import org.streamvault.testing.TestMedia;
import org.streamvault.testing.TestNode;

/**
 * {@code /thumbnail/...} on a real node with a real database: a 200x120 template, opaque red but
 * for a transparent hole at (20,10)-(120,70), composed over frames numbered by colour (left half
 * the frame's colour, right half white). What shows through the hole is the frame; the rest is
 * the template; the answer is the template's size.
 */
class ThumbnailRouteTest {
    static final long T0 = Timestamps.parseUtc("2026-11-20T14:00:00");
    static final int RED = org.streamvault.testing.TestImages.RED;
    static final int MAX_TEMPLATE_BYTES = 20_000;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dir;
    static TestDatabase db;
    static TestNode node;
    static byte[] holeTemplate;

    @BeforeAll
    static void start() throws Exception {
        StoreBuilder builder = new StoreBuilder(dir.resolve("store"), "chan", "src");
        List<Path> media = TestMedia.numberedFrames();
        for (int i = 0; i < media.size(); i++) {
            builder.addFile(T0 + i * 2_000_000L, "2.000", media.get(i));
        }
        holeTemplate = holeTemplate();
        db = TestDatabase.create();
        db.applySchema();
        try (Connection c = db.connect(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO templates (name, image, description, attribution, crop, location) VALUES (?, ?, '', '', ?, ?)")) {
            st.setString(1, "hole");
            st.setBytes(2, holeTemplate);
            st.setArray(3, c.createArrayOf("integer", new Integer[] {0, 0, 80, 90}));
            st.setArray(4, c.createArrayOf("integer", new Integer[] {20, 10, 120, 70}));
            st.executeUpdate();
            st.setString(1, "broken");
            st.setBytes(2, new byte[] {1, 2, 3});
            st.executeUpdate();
        }
        node = TestNode.start(dir.resolve("store"), "streamvault.db.url", db.url(), "streamvault.db.user", db.user(),
                "streamvault.images.max-template-bytes", String.valueOf(MAX_TEMPLATE_BYTES));
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
        db.close();
    }

    static byte[] holeTemplate() throws Exception {
        return org.streamvault.testing.TestImages.holeTemplate();
    }

    static String at(int frame) {
        return Timestamps.formatIso(T0 + frame * 100_000L + 50_000L);
    }

    static BufferedImage image(HttpResponse<byte[]> r) throws Exception {
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(r.body()));
        assertThat(image.getWidth()).as("the template's width").isEqualTo(200);
        assertThat(image.getHeight()).as("the template's height").isEqualTo(120);
        return image;
    }

    static void assertFrameColour(BufferedImage image, int x, int y, int frame) {
        int argb = image.getRGB(x, y);
        assertThat(argb >>> 24).as("opaque at %d,%d", x, y).isEqualTo(255);
        assertThat(FrameRouteTest.colourDistance(argb & 0xffffff, TestMedia.frameColour(frame)))
                .as("colour %06x at %d,%d is frame %d's", argb & 0xffffff, x, y, frame).isLessThan(12);
    }

    static void assertTemplate(BufferedImage image, int x, int y) {
        assertThat(image.getRGB(x, y)).as("template at %d,%d", x, y).isEqualTo(RED);
    }

    static HttpResponse<byte[]> post(String query, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(node.url("/thumbnail/chan/src.png" + query)))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aNamedTemplateShowsTheCroppedFrameThroughItsHoleAndItselfElsewhere() throws Exception {
        BufferedImage image = image(node.getBytes("/thumbnail/chan/src.png?template=hole&timestamp=" + at(25)));

        for (int[] p : new int[][] {{21, 11}, {70, 40}, {118, 68}}) {
            assertFrameColour(image, p[0], p[1], 25);
        }
        for (int[] p : new int[][] {{0, 0}, {19, 40}, {121, 40}, {70, 9}, {70, 71}, {199, 119}}) {
            assertTemplate(image, p[0], p[1]);
        }
    }

    @Test
    void cropAndLocationOverrideTheTemplatesOwn() throws Exception {
        BufferedImage rightHalf = image(node.getBytes("/thumbnail/chan/src.png?template=hole&crop=80,0,160,90&timestamp="
                + at(25)));
        assertThat(rightHalf.getRGB(70, 40) & 0xffffff).as("the white right half").isGreaterThan(0xf0f0f0);

        BufferedImage moved = image(node.getBytes("/thumbnail/chan/src.png?template=hole&location=0,0,100,60&timestamp="
                + at(3)));
        assertFrameColour(moved, 50, 30, 3);
        assertThat(moved.getRGB(110, 65) >>> 24).as("the hole outside the location: nothing").isZero();
        assertTemplate(moved, 10, 5); // the template covers the frame outside its hole
    }

    @Test
    void aPostedTemplateIsComposedLikeANamedOne() throws Exception {
        BufferedImage posted = image(post("?crop=0,0,80,90&location=20,10,120,70&timestamp=" + at(44), holeTemplate));
        BufferedImage named = image(node.getBytes("/thumbnail/chan/src.png?template=hole&timestamp=" + at(44)));

        assertFrameColour(posted, 70, 40, 44);
        assertTemplate(posted, 5, 5);
        for (int y = 0; y < 120; y += 7) {
            for (int x = 0; x < 200; x += 7) {
                assertThat(posted.getRGB(x, y)).as("%d,%d", x, y).isEqualTo(named.getRGB(x, y));
            }
        }
    }

    @Test
    void aPostedTemplateWithoutBoxesTakesTheWholeFrameIntoTheWholeTemplate() throws Exception {
        BufferedImage image = image(post("?timestamp=" + at(10), holeTemplate));

        assertFrameColour(image, 30, 40, 10); // x 30 of 200 is x 24 of the frame: its left half
        assertThat(image.getRGB(110, 40) & 0xffffff).as("x 88 of the frame: white").isGreaterThan(0xf0f0f0);
        assertTemplate(image, 150, 100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"crop=1,2,3", "crop=0,0,80,90,1", "crop=a,b,c,d", "crop=0,0,80.5,90", "crop=0,0,161,90",
        "crop=-1,0,80,90", "crop=10,10,10,20", "crop=10,20,30,20", "location=0,0,201,120", "location=50,50,40,60",
        "location=", "crop="})
    void badBoxesAre400WithAReason(String box) throws Exception {
        HttpResponse<String> named = node.get("/thumbnail/chan/src.png?template=hole&timestamp=" + at(1) + "&" + box);
        assertThat(named.statusCode()).as(named.body()).isEqualTo(400);
        assertThat(named.body().strip()).isNotEmpty().doesNotContain("\n");

        HttpResponse<byte[]> posted = post("?timestamp=" + at(1) + "&" + box, holeTemplate);
        assertThat(posted.statusCode()).as(new String(posted.body())).isEqualTo(400);
    }

    @Test
    void unknownTemplateIs404AndMissingOneIs400() throws Exception {
        assertThat(node.get("/thumbnail/chan/src.png?template=nope&timestamp=" + at(1)).statusCode()).isEqualTo(404);
        assertThat(node.get("/thumbnail/chan/src.png?timestamp=" + at(1)).statusCode()).isEqualTo(400);
    }

    @Test
    void aTemplateWhoseImageIsNotAPngIsAReasonNotACrash() throws Exception {
        HttpResponse<String> r = node.get("/thumbnail/chan/src.png?template=broken&timestamp=" + at(1));
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("template 'broken'").contains("not a PNG");
    }

    @Test
    void postedBodiesMustBeSmallPngs() throws Exception {
        assertThat(post("?timestamp=" + at(1), new byte[0]).statusCode()).isEqualTo(400);
        HttpResponse<byte[]> jpeg = post("?timestamp=" + at(1), new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0, 1, 2, 3, 4});
        assertThat(jpeg.statusCode()).isEqualTo(400);
        assertThat(new String(jpeg.body())).contains("not a PNG");
        byte[] truncated = java.util.Arrays.copyOf(holeTemplate, 40);
        assertThat(post("?timestamp=" + at(1), truncated).statusCode()).isEqualTo(400);
        byte[] big = java.util.Arrays.copyOf(holeTemplate, MAX_TEMPLATE_BYTES + 1);
        HttpResponse<byte[]> tooBig = post("?timestamp=" + at(1), big);
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(post("?template=hole&timestamp=" + at(1), holeTemplate).statusCode()).as("both").isEqualTo(400);
    }

    @Test
    void aSmallPngClaimingAHugeImageIsRefusedBeforeDecoding() throws Exception {
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(4000, 3000, BufferedImage.TYPE_BYTE_BINARY), "png", bomb);
        assertThat(bomb.size()).as("small enough to pass the byte limit").isLessThan(MAX_TEMPLATE_BYTES);

        HttpResponse<byte[]> r = post("?timestamp=" + at(1), bomb.toByteArray());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(new String(r.body())).contains("too large (4000x3000");
    }

    @Test
    void aTimeNoSegmentHoldsIs406AndBadTimesAre400() throws Exception {
        assertThat(node.get("/thumbnail/chan/src.png?template=hole&timestamp=2026-11-20T15:00:00").statusCode())
                .isEqualTo(406);
        assertThat(post("?timestamp=2026-11-20T13:00:00", holeTemplate).statusCode()).isEqualTo(406);
        assertThat(node.get("/thumbnail/chan/src.png?template=hole&timestamp=soon").statusCode()).isEqualTo(400);
        assertThat(node.get("/thumbnail/chan/src.png?template=hole").statusCode()).isEqualTo(400);
        assertThat(node.get("/thumbnail/.chan/src.png?template=hole&timestamp=" + at(1)).statusCode()).isEqualTo(403);
        assertThat(node.get("/thumbnail/chan/nope.png?template=hole&timestamp=" + at(1)).statusCode()).isEqualTo(404);
    }

    @Test
    void withoutADatabaseNamedTemplatesAre503ButPostedOnesWork() throws Exception {
        try (TestNode bare = TestNode.start(dir.resolve("store"))) {
            HttpResponse<String> named = bare.get("/thumbnail/chan/src.png?template=hole&timestamp=" + at(1));
            assertThat(named.statusCode()).isEqualTo(503);
            assertThat(named.body()).contains("streamvault.db.url");

            HttpRequest request = HttpRequest.newBuilder(URI.create(bare.url("/thumbnail/chan/src.png?timestamp=" + at(7))))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(holeTemplate)).build();
            assertFrameColour(image(HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray())), 30, 40, 7);
        }
    }
}

package org.streamvault.restream;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.ProcessWatch;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestMedia;
import org.streamvault.testing.TestNode;

/**
 * {@code GET /frame/...} on a real node over real segments whose frames are numbered by colour
 * (10 fps: frame k is on screen from k x 100 ms to (k+1) x 100 ms after 14:00:00): the answer is
 * the frame on screen at the time asked, at the edges of its interval too, across segment joins.
 */
class FrameRouteTest {
    static final long T0 = Timestamps.parseUtc("2026-11-20T14:00:00");
    static final long FRAME_MICROS = 1_000_000L / TestMedia.NUMBERED_FPS;

    @TempDir
    static Path dir;
    static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        StoreBuilder builder = new StoreBuilder(dir.resolve("store"), "chan", "src");
        List<Path> media = TestMedia.numberedFrames();
        for (int i = 0; i < media.size(); i++) {
            builder.addFile(T0 + i * 2_000_000L, "2.000", media.get(i));
        }
        StoreBuilder bframes = new StoreBuilder(dir.resolve("store"), "bframes", "src");
        List<Path> reordered = TestMedia.numberedFramesWithBFrames();
        for (int i = 0; i < reordered.size(); i++) {
            bframes.addFile(T0 + i * 2_000_000L, "2.000", reordered.get(i));
        }
        node = TestNode.start(dir.resolve("store"));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static String frame(long micros) {
        return "/frame/chan/src.png?timestamp=" + Timestamps.formatIso(micros);
    }

    /** The frame number shown in the left half of the answer, checking it is a PNG of the video's size. */
    static int frameNumber(HttpResponse<byte[]> r) throws Exception {
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(r.body()));
        assertThat(image.getWidth()).isEqualTo(TestMedia.NUMBERED_WIDTH);
        assertThat(image.getHeight()).isEqualTo(TestMedia.NUMBERED_HEIGHT);
        int rgb = image.getRGB(TestMedia.NUMBERED_WIDTH / 4, TestMedia.NUMBERED_HEIGHT / 2) & 0xffffff;
        int k = TestMedia.frameOfColour(rgb);
        assertThat(colourDistance(rgb, TestMedia.frameColour(k))).as("colour %06x is frame %d's", rgb, k).isLessThan(12);
        return k;
    }

    static int colourDistance(int a, int b) {
        return Math.abs((a >> 16 & 0xff) - (b >> 16 & 0xff)) + Math.abs((a >> 8 & 0xff) - (b >> 8 & 0xff))
                + Math.abs((a & 0xff) - (b & 0xff));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 19, 20, 21, 33, 39, 40, 59})
    void theMiddleOfFrameKsIntervalIsFrameK(int k) throws Exception {
        assertThat(frameNumber(node.getBytes(frame(T0 + k * FRAME_MICROS + FRAME_MICROS / 2)))).isEqualTo(k);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 19, 20, 39, 40, 58})
    void frameKIsShownFromItsFirstMicrosecondToItsLast(int k) throws Exception {
        long begins = T0 + k * FRAME_MICROS;
        assertThat(frameNumber(node.getBytes(frame(begins)))).as("at its start").isEqualTo(k);
        assertThat(frameNumber(node.getBytes(frame(begins + FRAME_MICROS - 1)))).as("1 µs before the next").isEqualTo(k);
        if (k > 0) {
            assertThat(frameNumber(node.getBytes(frame(begins - 1)))).as("1 µs before it").isEqualTo(k - 1);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 5, 18, 19, 20, 22, 41, 59})
    void withBFramesTheFrameOnScreenIsStillExact(int k) throws Exception {
        String path = "/frame/bframes/src.png?timestamp=";
        long begins = T0 + k * FRAME_MICROS;
        assertThat(frameNumber(node.getBytes(path + Timestamps.formatIso(begins)))).isEqualTo(k);
        assertThat(frameNumber(node.getBytes(path + Timestamps.formatIso(begins + FRAME_MICROS - 1)))).isEqualTo(k);
    }

    @Test
    void theLastFrameStaysUntilTheEndOfTheLastSegment() throws Exception {
        assertThat(frameNumber(node.getBytes(frame(T0 + 6_000_000L - 1)))).isEqualTo(59);
    }

    @Test
    void aTimeNoSegmentHoldsIs406() throws Exception {
        HttpResponse<String> after = node.get(frame(T0 + 6_000_000L));
        assertThat(after.statusCode()).isEqualTo(406);
        assertThat(after.body()).contains("no segment holds");
        assertThat(node.get(frame(T0 - 1)).statusCode()).isEqualTo(406);
        assertThat(node.get(frame(T0 + 3_600_000_000L * 5)).statusCode()).isEqualTo(406);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "?timestamp=", "?timestamp=yesterday", "?timestamp=2026-11-20T14:00:01&timestamp=2026-11-20T14:00:02",
        "?start=2026-11-20T14:00:01"})
    void aMissingOrBadTimeIs400WithAReason(String query) throws Exception {
        HttpResponse<String> r = node.get("/frame/chan/src.png" + query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body().strip()).doesNotContain("\n").isNotEmpty();
    }

    @Test
    void pathRulesAreTheRestreamers() throws Exception {
        String at = "?timestamp=2026-11-20T14:00:01";
        assertThat(node.get("/frame/.chan/src.png" + at).statusCode()).isEqualTo(403);
        assertThat(node.get("/frame/chan/nope.png" + at).statusCode()).isEqualTo(404);
        assertThat(node.get("/frame/nope/src.png" + at).statusCode()).isEqualTo(404);
    }

    @Test
    void headAnswersWithoutRunningFfmpeg() throws Exception {
        HttpResponse<String> r = node.send("HEAD", frame(T0 + 1_000_000L));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
        ProcessWatch.awaitNoFfmpegChildren();
    }

    @Test
    void corsHeadersAreOnFramesAndRefusals() throws Exception {
        assertThat(node.getBytes(frame(T0)).headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(node.get(frame(T0 - 1)).headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }
}

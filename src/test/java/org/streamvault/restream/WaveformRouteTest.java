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
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestMedia;
import org.streamvault.testing.TestNode;

/**
 * {@code GET /waveform/...} over real segments: 6 s whose audio is a loud tone for 4 s, then
 * silence; the same video without audio on another channel; and a copy with its middle segment
 * missing (a hole).
 */
class WaveformRouteTest {
    static final long T0 = Timestamps.parseUtc("2026-11-20T14:00:00");

    @TempDir
    static Path dir;
    static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        StoreBuilder chan = new StoreBuilder(dir.resolve("store"), "chan", "src");
        StoreBuilder mute = new StoreBuilder(dir.resolve("store"), "mute", "src");
        StoreBuilder holed = new StoreBuilder(dir.resolve("store"), "holed", "src");
        List<Path> media = TestMedia.numberedFrames();
        List<Path> silent = TestMedia.numberedFramesWithoutAudio();
        for (int i = 0; i < media.size(); i++) {
            chan.addFile(T0 + i * 2_000_000L, "2.000", media.get(i));
            mute.addFile(T0 + i * 2_000_000L, "2.000", silent.get(i));
            if (i != 1) {
                holed.addFile(T0 + i * 2_000_000L, "2.000", media.get(i));
            }
        }
        node = TestNode.start(dir.resolve("store"), "streamvault.images.waveform-max-seconds", "600");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static String waveform(String channel, long start, long end, String size) {
        return "/waveform/" + channel + "/src.png?start=" + Timestamps.formatIso(start) + "&end=" + Timestamps.formatIso(end)
                + (size == null ? "" : "&size=" + size);
    }

    static BufferedImage image(HttpResponse<byte[]> r) throws Exception {
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
        return ImageIO.read(new ByteArrayInputStream(r.body()));
    }

    /** How many pixels of column {@code x} are drawn (not transparent). */
    static int drawn(BufferedImage image, int x) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            if (image.getRGB(x, y) >>> 24 != 0) {
                n++;
            }
        }
        return n;
    }

    @Test
    void toneDrawsTallBarsAndSilenceAFlatLineAtTheirTimes() throws Exception {
        BufferedImage image = image(node.getBytes(waveform("chan", T0, T0 + 6_000_000L, "600x100")));

        assertThat(image.getWidth()).isEqualTo(600);
        assertThat(image.getHeight()).isEqualTo(100);
        // 100 columns a second: the tone (0.8 of full scale) ends at column 400 (give the AAC edges
        // 10 columns; at the segment joins the fixture's own audio dips to about half)
        for (int x = 10; x < 390; x += 5) {
            assertThat(drawn(image, x)).as("tone at column %d", x).isGreaterThan(40);
        }
        for (int x = 410; x < 590; x += 5) {
            assertThat(drawn(image, x)).as("silence at column %d", x).isBetween(1, 3);
        }
    }

    @Test
    void aRangeInsideTheToneIsLoudThroughoutAndOneInsideTheSilenceIsFlat() throws Exception {
        BufferedImage tone = image(node.getBytes(waveform("chan", T0 + 1_000_000L, T0 + 3_000_000L, "200x50")));
        BufferedImage silence = image(node.getBytes(waveform("chan", T0 + 4_500_000L, T0 + 5_500_000L, "200x50")));

        for (int x = 0; x < 200; x += 10) {
            assertThat(drawn(tone, x)).as("tone column %d", x).isGreaterThan(30);
            assertThat(drawn(silence, x)).as("silence column %d", x).isBetween(1, 3);
        }
    }

    @Test
    void aHoleLeavesItsColumnsEmpty() throws Exception {
        BufferedImage image = image(node.getBytes(waveform("holed", T0, T0 + 6_000_000L, "600x100")));

        assertThat(drawn(image, 100)).as("tone before the hole").isGreaterThan(40);
        for (int x = 210; x < 390; x += 10) {
            assertThat(drawn(image, x)).as("hole at column %d", x).isZero();
        }
        assertThat(drawn(image, 500)).as("silence after the hole").isBetween(1, 3);
    }

    @Test
    void theDefaultSizeIs1024x128() throws Exception {
        BufferedImage image = image(node.getBytes(waveform("chan", T0, T0 + 2_000_000L, null)));
        assertThat(image.getWidth()).isEqualTo(1024);
        assertThat(image.getHeight()).isEqualTo(128);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4001x100", "100x1001", "0x10", "10x0", "-5x10", "100", "100x", "x100", "axb", "100x100x1",
        "99999999999x1"})
    void sizesOutsideTheLimitsOrUnreadableAre400(String size) throws Exception {
        HttpResponse<String> r = node.get(waveform("chan", T0, T0 + 2_000_000L, size));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body().strip()).isNotEmpty().doesNotContain("\n");
    }

    @Test
    void theLargestSizeIsServed() throws Exception {
        BufferedImage image = image(node.getBytes(waveform("chan", T0, T0 + 2_000_000L, "4000x1000")));
        assertThat(image.getWidth()).isEqualTo(4000);
        assertThat(image.getHeight()).isEqualTo(1000);
    }

    @Test
    void badRangesAre400() throws Exception {
        assertThat(node.get("/waveform/chan/src.png?start=2026-11-20T14:00:00").statusCode()).isEqualTo(400);
        assertThat(node.get("/waveform/chan/src.png?end=2026-11-20T14:00:00").statusCode()).isEqualTo(400);
        assertThat(node.get(waveform("chan", T0 + 2_000_000L, T0, "10x10")).statusCode()).isEqualTo(400);
        assertThat(node.get("/waveform/chan/src.png?start=now&end=2026-11-20T14:00:00").statusCode()).isEqualTo(400);
        HttpResponse<String> tooLong = node.get(waveform("chan", T0, T0 + 601_000_000L, "10x10"));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("600 s");
    }

    @Test
    void noContentOrNoAudioIs406() throws Exception {
        HttpResponse<String> nothing = node.get(waveform("chan", T0 + 3_600_000_000L, T0 + 3_610_000_000L, "10x10"));
        assertThat(nothing.statusCode()).isEqualTo(406);
        HttpResponse<String> mute = node.get(waveform("mute", T0, T0 + 6_000_000L, "10x10"));
        assertThat(mute.statusCode()).as(mute.body()).isEqualTo(406);
        assertThat(mute.body()).contains("no audio");
    }

    @Test
    void pathRulesAreTheRestreamers() throws Exception {
        assertThat(node.get(waveform(".chan", T0, T0 + 1_000_000L, "10x10")).statusCode()).isEqualTo(403);
        assertThat(node.get(waveform("nope", T0, T0 + 1_000_000L, "10x10")).statusCode()).isEqualTo(404);
    }
}

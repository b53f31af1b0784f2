package org.streamvault.cut;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.streamvault.segments.SegmentStore;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.CutChecker;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestMedia;

/**
 * The frames of a transition are the blended ones: a moving pattern joined to a plain colour, and
 * a frame in the middle of the transition looks like neither the last frame before it nor the
 * first after it, while those two look like their own ranges.
 */
class TransitionBlendTest {
    static final long T0 = Timestamps.parseUtc("2026-11-20T14:00:00");
        /** The colour the second range shows (see {@link TestMedia#patternThenColour}). */
    static final int BLUE = 0x2050d0;

    @TempDir
    static Path base;
    @TempDir
    Path work;
    static SegmentStore store;

    @BeforeAll
    static void storeFixture() throws Exception {
        StoreBuilder builder = new StoreBuilder(base, "chan", "src");
        List<Path> files = TestMedia.patternThenColour();
        for (int i = 0; i < files.size(); i++) {
            builder.addFile(T0 + i * 2 * Timestamps.MICROS_PER_SECOND, "2.000", files.get(i));
        }
        store = new SegmentStore(base);
    }

    /** Pattern 1 s to 5 s, a one-second transition, colour 7 s to 11 s: the transition plays from 3 s to 4 s. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"FAST,fade", "SMART,fade", "MPEGTS,fade", "MP4,fade", "FAST,wipeleft", "MPEGTS,wipeleft"})
    void framesInsideTheTransitionAreBlended(CutType type, String transition) throws Exception {
        Path out = work.resolve("cut." + (type == CutType.MP4 ? "mp4" : "ts"));
        Cutter cutter = new Cutter(CutSettings.defaults().withTempDir(work.resolve("tmp")));
        try (OutputStream o = Files.newOutputStream(out)) {
            cutter.writeTo(new CutRequest(type, List.of(part(1, 5), part(7, 11)), List.of(Transition.of(transition, 1.0)),
                    null), o);
        }
        CutChecker.assertPlaysAsJoined(out, List.of(4.0, 4.0), List.of(1.0));

        BufferedImage before = frame(out, 2.9);
        BufferedImage middle = frame(out, 3.5);
        BufferedImage after = frame(out, 4.1);
        assertThat(difference(after, BLUE)).as("after the transition: the plain colour").isLessThan(8);
        assertThat(difference(before, BLUE)).as("before the transition: the pattern").isGreaterThan(40);
        assertThat(difference(middle, BLUE)).as("the middle of the transition is not the colour yet").isGreaterThan(15);
        assertThat(difference(middle, before)).as("nor the pattern any more").isGreaterThan(15);
    }

    private static CutPart part(double from, double to) throws Exception {
        CutRange range = new CutRange(T0 + Math.round(from * Timestamps.MICROS_PER_SECOND),
                T0 + Math.round(to * Timestamps.MICROS_PER_SECOND));
        return new CutPart(range, store.select("chan", "src", range.startMicros(), range.endMicros(), false));
    }

    /**
     * The first frame at or after {@code seconds} into {@code video}, decoded by ffmpeg to PNG. By
     * time, not frame number: ffmpeg restarts its filters, and their frame count, where a fast
     * cut's re-encoded and copied parts meet.
     */
    private BufferedImage frame(Path video, double seconds) throws Exception {
        Path png = work.resolve("frame-" + seconds + ".png");
        TestMedia.ffmpeg(work, "-i", video.toString(), "-vf", "select=gte(t\\," + seconds + ")", "-fps_mode", "passthrough",
                "-frames:v", "1", png.toString());
        return ImageIO.read(png.toFile());
    }

    /** Mean difference per channel (0–255) between every pixel and {@code rgb}. */
    private static double difference(BufferedImage image, int rgb) {
        double sum = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                sum += channelDistance(image.getRGB(x, y), rgb);
            }
        }
        return sum / (image.getWidth() * image.getHeight());
    }

    /** Mean difference per channel between the two images, pixel by pixel. */
    private static double difference(BufferedImage a, BufferedImage b) {
        double sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                sum += channelDistance(a.getRGB(x, y), b.getRGB(x, y));
            }
        }
        return sum / (a.getWidth() * a.getHeight());
    }

    private static double channelDistance(int p, int q) {
        return (Math.abs((p >> 16 & 0xff) - (q >> 16 & 0xff)) + Math.abs((p >> 8 & 0xff) - (q >> 8 & 0xff))
                + Math.abs((p & 0xff) - (q & 0xff))) / 3.0;
    }
}

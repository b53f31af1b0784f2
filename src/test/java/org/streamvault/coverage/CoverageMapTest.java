package org.streamvault.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.Segment;
import org.streamvault.segments.SegmentStore;
import org.streamvault.segments.Timestamps;

class CoverageMapTest {
    private static final long HOUR = Timestamps.parseUtc("2026-11-20T14:00:00");

    @TempDir
    Path base;

    private static int rgb(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xffffff;
    }

    private BufferedImage render(long now) {
        CoverageFixture.write(base, "chan", "source", HOUR);
        CoverageCalculator calc = new CoverageCalculator(new SegmentStore(base));
        List<Segment> segments = new ArrayList<>(calc.segments("chan", "source", HOUR));
        return CoverageMap.render(segments, HOUR, 2, now);
    }

    @Test
    void pixelsShowFullPartialAndMissingTime() {
        BufferedImage image = render(HOUR + 2 * Timestamps.MICROS_PER_HOUR);
        assertThat(image.getWidth()).isEqualTo(12);
        assertThat(image.getHeight()).isEqualTo(300);
        assertThat(rgb(image, 0, 0)).isEqualTo(CoverageMap.FULL);     // 0–2 s
        assertThat(rgb(image, 0, 1)).isEqualTo(CoverageMap.FULL);     // 2–4 s
        assertThat(rgb(image, 0, 2)).isEqualTo(CoverageMap.MISSING);  // 4–6 s
        assertThat(rgb(image, 0, 5)).isEqualTo(CoverageMap.PARTIAL);  // 10–12 s: partial only
        assertThat(rgb(image, 0, 6)).isEqualTo(CoverageMap.FULL);     // 12–14 s
        assertThat(rgb(image, 0, 7)).isEqualTo(CoverageMap.PARTIAL);  // 14–16 s: full only to 15
        assertThat(rgb(image, 0, 10)).isEqualTo(CoverageMap.MISSING); // 20–22 s: temp does not count
        assertThat(rgb(image, 1, 0)).isEqualTo(CoverageMap.MISSING);  // 10:00, second column
        assertThat(rgb(image, 6, 0)).isEqualTo(CoverageMap.MISSING);  // the next hour
    }

    @Test
    void timeNotYetReachedHasItsOwnColour() {
        BufferedImage image = render(HOUR + Timestamps.MICROS_PER_HOUR + 30 * Timestamps.MICROS_PER_MINUTE);
        assertThat(rgb(image, 6 + 2, 299)).isEqualTo(CoverageMap.MISSING); // 15:29:58
        assertThat(rgb(image, 6 + 3, 0)).isEqualTo(CoverageMap.FUTURE);    // 15:30:00
    }

    @Test
    void writesAReadablePngAndLeavesNoTempFile() throws Exception {
        BufferedImage image = render(HOUR + 2 * Timestamps.MICROS_PER_HOUR);
        Path target = base.resolve("coverage-maps/chan/source.png");
        CoverageMap.write(image, target);
        CoverageMap.write(image, target); // replacing an existing map works too
        BufferedImage read = ImageIO.read(target.toFile());
        assertThat(rgb(read, 0, 5)).isEqualTo(CoverageMap.PARTIAL);
        try (var files = Files.list(target.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("source.png");
        }
    }

    @Test
    void theMapsDirectoryIsNeverAChannel() {
        assertThat(SegmentStore.RESERVED_NAMES).contains(CoverageChecker.MAPS_DIR);
    }
}

package org.streamvault.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class WaveformPeaksTest {
    @Test
    void eachSampleGoesToTheColumnOfItsTimeAndOnlyTheLoudestCounts() {
        WaveformPeaks peaks = new WaveformPeaks(1_000_000, 2_000_000, 10); // 100 ms a column
        assertThat(peaks.add(999_999, 30000)).isTrue(); // before the range: ignored
        peaks.add(1_000_000, 100);
        peaks.add(1_099_999, -2000);
        peaks.add(1_100_000, 50);
        peaks.add(1_999_999, Short.MIN_VALUE);
        assertThat(peaks.add(2_000_000, 30000)).as("the end: stop").isFalse();

        assertThat(peaks.peak(0)).isEqualTo(2000);
        assertThat(peaks.peak(1)).isEqualTo(50);
        assertThat(peaks.peak(9)).isEqualTo(Short.MAX_VALUE);
        assertThat(peaks.samples()).isEqualTo(4);
    }

    @Test
    void fullScaleFillsAColumnSilenceIsOnePixelAndNothingHeardIsEmpty() {
        WaveformPeaks peaks = new WaveformPeaks(0, 3, 3);
        peaks.add(0, Short.MAX_VALUE);
        peaks.add(1, 0);
        BufferedImage image = peaks.render(20, 0x3a7bd5);

        assertThat(drawn(image, 0)).isEqualTo(20);
        assertThat(drawn(image, 1)).isEqualTo(1);
        assertThat(drawn(image, 2)).isZero();
        assertThat(image.getRGB(0, 10) & 0xffffff).isEqualTo(0x3a7bd5);
    }

    private static int drawn(BufferedImage image, int x) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            n += image.getRGB(x, y) >>> 24 != 0 ? 1 : 0;
        }
        return n;
    }
}

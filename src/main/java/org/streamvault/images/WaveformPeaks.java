package org.streamvault.images;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;

/**
 * The loudest sample per pixel column of a waveform over {@code [start, end)}: each sample goes
 * to the column its time falls in, so columns stay aligned with the timeline across holes (a
 * column no sample reached is left empty, unlike silence, which draws a centre line).
 * Peaks are absolute (full scale = the image's height), not normalised to the loudest sound.
 */
public final class WaveformPeaks {
    private final long startMicros;
    private final long endMicros;
    private final int[] peaks;
    private final boolean[] heard;
    private long samples;

    public WaveformPeaks(long startMicros, long endMicros, int width) {
        if (endMicros <= startMicros || width <= 0) {
            throw new IllegalArgumentException("a waveform needs a range and a width");
        }
        this.startMicros = startMicros;
        this.endMicros = endMicros;
        this.peaks = new int[width];
        this.heard = new boolean[width];
    }

    /**
     * Adds one signed 16-bit sample at {@code micros}; samples outside the range are ignored.
     *
     * @return false once {@code micros} is at or past the end (the caller may stop decoding)
     */
    public boolean add(long micros, int sample) {
        if (micros >= endMicros) {
            return false;
        }
        if (micros >= startMicros) {
            int column = (int) ((micros - startMicros) * peaks.length / (endMicros - startMicros));
            int level = Math.min(Math.abs(sample), Short.MAX_VALUE);
            if (level > peaks[column]) {
                peaks[column] = level;
            }
            heard[column] = true;
            samples++;
        }
        return true;
    }

    /** How many samples fell inside the range. */
    public long samples() {
        return samples;
    }

    /** The peak of {@code column} on a 0..32767 scale. */
    public int peak(int column) {
        return peaks[column];
    }

    /**
     * The waveform drawn as a two-colour image (transparent, and {@code rgb}), one bit per pixel:
     * each column a bar centred vertically whose height is its peak, at least one pixel where
     * there was sound or silence.
     */
    public BufferedImage render(int height, int rgb) {
        byte[] r = {0, (byte) (rgb >> 16)};
        byte[] g = {0, (byte) (rgb >> 8)};
        byte[] b = {0, (byte) rgb};
        byte[] a = {0, (byte) 0xff};
        BufferedImage image = new BufferedImage(peaks.length, height, BufferedImage.TYPE_BYTE_BINARY,
                new IndexColorModel(1, 2, r, g, b, a));
        WritableRaster raster = image.getRaster();
        for (int x = 0; x < peaks.length; x++) {
            if (!heard[x]) {
                continue;
            }
            int bar = Math.max(1, (int) ((long) peaks[x] * height / Short.MAX_VALUE));
            int top = (height - bar) / 2;
            for (int y = top; y < top + bar && y < height; y++) {
                raster.setSample(x, y, 0, 1);
            }
        }
        return image;
    }
}

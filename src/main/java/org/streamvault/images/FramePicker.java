package org.streamvault.images;

/**
 * Which decoded frame is on screen at a time: the one whose display interval contains it, that is
 * the last frame whose presentation timestamp is at or before the time. Pure arithmetic on the
 * presentation timestamps of one segment's video packets, in the stream's time base.
 *
 * <p>The segment's named start is the presentation time of its first frame (the smallest pts,
 * which with B-frames is not the first packet's), so a time {@code offset} after the named start
 * is the pts {@code min + offset}. Example, 10 fps in 1/90000: pts 0, 9000, 18000...; offset
 * 0.1 s is pts 9000 exactly, frame 1; offset 0.199999 s is pts 17999, still frame 1.
 */
public final class FramePicker {
    private FramePicker() {
    }

    /**
     * @param pts          the presentation timestamps of the segment's video packets, any order
     * @param count        how many of {@code pts} are filled
     * @param timeBaseNum  the stream's time base numerator (1 for 1/90000)
     * @param timeBaseDen  the stream's time base denominator
     * @param offsetMicros how long after the segment's start, at least 0
     * @return the pts of the frame displayed at that offset (the last frame if the offset is
     *         beyond it: a frame stays on screen until the next one)
     * @throws NoMediaException if there are no timestamps
     */
    public static long pick(long[] pts, int count, long timeBaseNum, long timeBaseDen, long offsetMicros) {
        if (count == 0) {
            throw new NoMediaException("the segment has no video frames");
        }
        if (offsetMicros < 0 || timeBaseNum <= 0 || timeBaseDen <= 0) {
            throw new IllegalArgumentException("offset and time base must be positive");
        }
        long min = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            min = Math.min(min, pts[i]);
        }
        long target = min + Math.floorDiv(Math.multiplyExact(offsetMicros, timeBaseDen),
                Math.multiplyExact(timeBaseNum, 1_000_000L));
        long best = min;
        for (int i = 0; i < count; i++) {
            if (pts[i] <= target && pts[i] > best) {
                best = pts[i];
            }
        }
        return best;
    }
}

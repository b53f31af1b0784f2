package org.streamvault.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FramePickerTest {
    /** 10 fps in 1/90000 from pts 126000 (1.4 s), as ffmpeg's TS muxer writes them. */
    private static final long[] TEN_FPS = {126000, 135000, 144000, 153000, 162000};

    @Test
    void theFrameOnScreenIsTheLastOneStartingAtOrBeforeTheOffset() {
        assertThat(pick(TEN_FPS, 0)).isEqualTo(126000);
        assertThat(pick(TEN_FPS, 99_999)).isEqualTo(126000);
        assertThat(pick(TEN_FPS, 100_000)).isEqualTo(135000);
        assertThat(pick(TEN_FPS, 150_000)).isEqualTo(135000);
        assertThat(pick(TEN_FPS, 399_999)).isEqualTo(153000);
        assertThat(pick(TEN_FPS, 400_000)).isEqualTo(162000);
    }

    @Test
    void theLastFrameStaysOnScreenPastItsStart() {
        assertThat(pick(TEN_FPS, 10_000_000)).isEqualTo(162000);
    }

    @Test
    void packetsInDecodeOrderAreMeasuredFromTheEarliestPresentation() {
        // B-frames: decode order I P B B, presentation I B B P
        long[] decodeOrder = {3003, 12012, 6006, 9009};
        assertThat(pick(decodeOrder, 0)).isEqualTo(3003);
        assertThat(pick(decodeOrder, 33_366)).isEqualTo(3003); // 3003 ticks = 33.3667 ms
        assertThat(pick(decodeOrder, 33_367)).isEqualTo(6006);
        assertThat(pick(decodeOrder, 100_100)).isEqualTo(12012);
    }

    @Test
    void otherTimeBasesAreHonoured() {
        long[] millis = {0, 40, 80}; // 25 fps in 1/1000
        assertThat(FramePicker.pick(millis, 3, 1, 1000, 79_999)).isEqualTo(40);
        assertThat(FramePicker.pick(millis, 3, 1, 1000, 80_000)).isEqualTo(80);
        assertThat(FramePicker.pick(millis, 2, 1, 1000, 80_000)).as("only the filled part").isEqualTo(40);
    }

    @Test
    void noFramesIsNoMedia() {
        assertThatThrownBy(() -> FramePicker.pick(new long[4], 0, 1, 90000, 0)).isInstanceOf(NoMediaException.class);
    }

    private static long pick(long[] pts, long offsetMicros) {
        return FramePicker.pick(pts, pts.length, 1, 90000, offsetMicros);
    }
}

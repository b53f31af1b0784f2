package org.streamvault.cut;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Re-timing raw MPEG-TS packets: timestamps moved (wrapping at 33 bits), counters renumbered, torn packets dropped. */
class MpegTsTest {
    @TempDir
    Path dir;

    /** A packet of {@code pid} starting a video PES with PTS and DTS, and a PCR in its adaptation field. */
    static byte[] videoPacket(int pid, int counter, long pts, long dts, long pcr) {
        byte[] p = new byte[MpegTs.PACKET];
        Arrays.fill(p, (byte) 0xff);
        p[0] = 0x47;
        p[1] = (byte) (0x40 | (pid >> 8));
        p[2] = (byte) pid;
        p[3] = (byte) (0x30 | counter);
        p[4] = 7;
        p[5] = 0x10;
        p[6] = (byte) (pcr >> 25);
        p[7] = (byte) (pcr >> 17);
        p[8] = (byte) (pcr >> 9);
        p[9] = (byte) (pcr >> 1);
        p[10] = (byte) (((pcr & 1) << 7) | 0x7e);
        p[11] = 0;
        int at = 12;
        byte[] pes = {0, 0, 1, (byte) 0xE0, 0, 0, (byte) 0x80, (byte) 0xC0, 10};
        System.arraycopy(pes, 0, p, at, pes.length);
        stamp(p, at + 9, 0x3, pts);
        stamp(p, at + 14, 0x1, dts);
        return p;
    }

    static void stamp(byte[] p, int at, int prefix, long ts) {
        p[at] = (byte) ((prefix << 4) | ((ts >> 29) & 0x0E) | 1);
        p[at + 1] = (byte) (ts >> 22);
        p[at + 2] = (byte) (((ts >> 14) & 0xFE) | 1);
        p[at + 3] = (byte) (ts >> 7);
        p[at + 4] = (byte) (((ts << 1) & 0xFE) | 1);
    }

    @Test
    void timestampsMoveAndCountersRunOnAcrossPieces() throws Exception {
        MpegTs.Retimer retimer = new MpegTs.Retimer();
        byte[] a = videoPacket(0x100, 7, 900_000, 894_000, 880_000);
        byte[] b = videoPacket(0x100, 3, 100, 50, 10);
        retimer.rewrite(a, 0, a.length, -800_000);
        retimer.rewrite(b, 0, b.length, MpegTs.WRAP - 40);

        Path file = Files.write(dir.resolve("a.ts"), a);
        assertThat(MpegTs.firstTimestamps(file)).containsExactly(100_000, 94_000);
        assertThat(MpegTs.firstTimestamps(Files.write(dir.resolve("b.ts"), b))).containsExactly(60, 10);
        assertThat(a[3] & 0xf).isEqualTo(0);
        assertThat(b[3] & 0xf).isEqualTo(1);
        long pcr = ((long) (b[6] & 0xff) << 25) | ((b[7] & 0xff) << 17) | ((b[8] & 0xff) << 9) | ((b[9] & 0xff) << 1)
                | ((b[10] & 0x80) >> 7);
        assertThat(pcr).isEqualTo(MpegTs.WRAP - 30);
    }

    @Test
    void tornPacketAtTheEndIsDropped() throws Exception {
        byte[] two = new byte[MpegTs.PACKET * 2 + 100];
        System.arraycopy(videoPacket(0x100, 0, 1000, 1000, 1000), 0, two, 0, MpegTs.PACKET);
        System.arraycopy(videoPacket(0x100, 1, 4000, 4000, 4000), 0, two, MpegTs.PACKET, MpegTs.PACKET);
        try (MpegTs.RetimedStream in = new MpegTs.RetimedStream(new ByteArrayInputStream(two), new MpegTs.Retimer(), 0)) {
            assertThat(in.readAllBytes()).hasSize(MpegTs.PACKET * 2);
        }
    }

    @Test
    void deltaTakesTheShortWayRoundTheClock() {
        assertThat(MpegTs.delta(MpegTs.WRAP - 10, 20)).isEqualTo(30);
        assertThat(MpegTs.delta(20, MpegTs.WRAP - 10)).isEqualTo(-30);
        assertThat(MpegTs.ticks(1_000_000)).isEqualTo(90_000);
    }
}

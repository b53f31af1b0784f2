package org.streamvault.cut;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The little of MPEG-TS (ISO 13818-1) that cuts need, on raw 188-byte packets: the first
 * presentation timestamp of a file, and re-timing packets (PTS, DTS and PCR moved by an offset,
 * continuity counters renumbered) so that pieces from different places join into one continuous
 * stream. Timestamps are 33-bit counts of a 90 kHz clock and wrap around every 26.5 hours.
 */
final class MpegTs {
    static final int PACKET = 188;
    static final long CLOCK = 90_000;
    static final long WRAP = 1L << 33;
    private static final int SYNC = 0x47;
    /** Reading stops here when a file has no video, an audio-only rendition's PTS is taken. */
    private static final int MAX_SCAN = 4 << 20;

    private MpegTs() {
    }

    /** Microseconds as 90 kHz ticks. */
    static long ticks(long micros) {
        return Math.floorDiv(micros * 9, 100);
    }

    /** {@code b - a} on the 33-bit clock, taking the shorter way round (a wrap between them is not a jump). */
    static long delta(long a, long b) {
        long d = Math.floorMod(b - a, WRAP);
        return d >= WRAP / 2 ? d - WRAP : d;
    }

    /**
     * {@code {pts, dts}} of the first video PES of {@code file} (of the first audio PES when there
     * is no video; dts = pts when the packet has none), or null. For video, pts - dts is the
     * encoder's reordering delay (B-frames).
     */
    static long[] firstTimestamps(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] packet = new byte[PACKET];
            long[] audio = null;
            for (int read = 0; read < MAX_SCAN; read += PACKET) {
                if (in.readNBytes(packet, 0, PACKET) < PACKET) {
                    break;
                }
                int pes = pesStart(packet, 0);
                if (pes < 0) {
                    continue;
                }
                int streamId = packet[pes + 3] & 0xff;
                long pts = pts(packet, pes);
                if (pts < 0) {
                    continue;
                }
                long dts = (p(packet, pes + 7) & 0xC0) == 0xC0 && pes + 19 <= PACKET ? readTimestamp(packet, pes + 14) : pts;
                if (streamId >= 0xE0 && streamId <= 0xEF) {
                    return new long[] {pts, dts};
                }
                if (audio == null && streamId >= 0xC0 && streamId <= 0xDF) {
                    audio = new long[] {pts, dts};
                }
            }
            return audio;
        }
    }

    /**
     * The PTS of the first audio PES in {@code file}, or -1: in a segment cut at a video keyframe
     * this audio often comes before the keyframe's time (it was muxed after it), and belongs to
     * the segment before.
     */
    static long firstAudioPts(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] packet = new byte[PACKET];
            for (int read = 0; read < MAX_SCAN; read += PACKET) {
                if (in.readNBytes(packet, 0, PACKET) < PACKET) {
                    break;
                }
                int pes = pesStart(packet, 0);
                if (pes < 0) {
                    continue;
                }
                int streamId = packet[pes + 3] & 0xff;
                long pts = pts(packet, pes);
                if (pts >= 0 && streamId >= 0xC0 && streamId <= 0xDF) {
                    return pts;
                }
            }
            return -1;
        }
    }

    private static int p(byte[] packet, int at) {
        return packet[at] & 0xff;
    }

    /** Where the PES header starts in the packet at {@code base} when it starts one (an index into {@code p}), or -1. */
    private static int pesStart(byte[] p, int base) {
        if ((p[base] & 0xff) != SYNC || (p[base + 1] & 0x40) == 0) {
            return -1;
        }
        int at = payloadStart(p, base);
        if (at < 0 || at + 14 > base + PACKET || p[at] != 0 || p[at + 1] != 0 || p[at + 2] != 1) {
            return -1;
        }
        return at;
    }

    /** Where the payload of the packet at {@code base} starts (an index into {@code p}), or -1 when it has none. */
    private static int payloadStart(byte[] p, int base) {
        int control = (p[base + 3] >> 4) & 0x3;
        if ((control & 0x1) == 0) {
            return -1;
        }
        int at = base + 4;
        if ((control & 0x2) != 0) {
            at += 1 + (p[base + 4] & 0xff);
        }
        return at < base + PACKET ? at : -1;
    }

    /** The PTS of the PES header at {@code pes}, or -1 when it has none. */
    private static long pts(byte[] p, int pes) {
        if (!hasOptionalHeader(p[pes + 3] & 0xff) || (p[pes + 7] & 0x80) == 0) {
            return -1;
        }
        return readTimestamp(p, pes + 9);
    }

    /** Stream ids whose PES packets carry the optional header with PTS/DTS (13818-1 table 2-21). */
    private static boolean hasOptionalHeader(int streamId) {
        return streamId != 0xBC && streamId != 0xBE && streamId != 0xBF && streamId != 0xF0 && streamId != 0xF1
                && streamId != 0xFF && streamId != 0xF2 && streamId != 0xF8;
    }

    private static long readTimestamp(byte[] p, int at) {
        return ((long) (p[at] & 0x0E) << 29) | ((p[at + 1] & 0xff) << 22) | ((p[at + 2] & 0xFE) << 14)
                | ((p[at + 3] & 0xff) << 7) | ((p[at + 4] & 0xff) >> 1);
    }

    private static void writeTimestamp(byte[] p, int at, long ts) {
        p[at] = (byte) ((p[at] & 0xF1) | ((ts >> 29) & 0x0E));
        p[at + 1] = (byte) (ts >> 22);
        p[at + 2] = (byte) ((p[at + 2] & 0x01) | ((ts >> 14) & 0xFE));
        p[at + 3] = (byte) (ts >> 7);
        p[at + 4] = (byte) ((p[at + 4] & 0x01) | ((ts << 1) & 0xFE));
    }

    /**
     * Rewrites packets in place: every PTS, DTS and PCR moved by an offset, and continuity
     * counters renumbered per PID so the joins between pieces are not reported as lost packets.
     * One instance follows one output stream from its start (the counters carry over between
     * pieces); not thread-safe.
     */
    static final class Retimer {
        private final int[] lastCounter = new int[8192];

        Retimer() {
            Arrays.fill(lastCounter, -1);
        }

        /** Rewrites the whole packets in {@code buf[off, off+len)}, in place; {@code len} is a multiple of 188. */
        void rewrite(byte[] buf, int off, int len, long offset) {
            for (int at = off; at + PACKET <= off + len; at += PACKET) {
                if ((buf[at] & 0xff) == SYNC) {
                    rewritePacket(buf, at, offset);
                }
            }
        }

        private void rewritePacket(byte[] p, int base, long offset) {
            int pid = ((p[base + 1] & 0x1f) << 8) | (p[base + 2] & 0xff);
            int control = (p[base + 3] >> 4) & 0x3;
            if ((control & 0x1) != 0 && pid != 0x1FFF) {
                int counter = (lastCounter[pid] + 1) & 0xF;
                lastCounter[pid] = counter;
                p[base + 3] = (byte) ((p[base + 3] & 0xF0) | counter);
            }
            int a = base + 4;
            if ((control & 0x2) != 0 && (p[a] & 0xff) >= 7 && (p[a + 1] & 0x10) != 0) {
                long pcr = ((long) (p[a + 2] & 0xff) << 25) | ((p[a + 3] & 0xff) << 17) | ((p[a + 4] & 0xff) << 9)
                        | ((p[a + 5] & 0xff) << 1) | ((p[a + 6] & 0x80) >> 7);
                pcr = Math.floorMod(pcr + offset, WRAP);
                p[a + 2] = (byte) (pcr >> 25);
                p[a + 3] = (byte) (pcr >> 17);
                p[a + 4] = (byte) (pcr >> 9);
                p[a + 5] = (byte) (pcr >> 1);
                p[a + 6] = (byte) ((p[a + 6] & 0x7F) | ((pcr & 1) << 7));
            }
            int pes = pesStart(p, base);
            if (pes < 0 || !hasOptionalHeader(p[pes + 3] & 0xff)) {
                return;
            }
            int flags = (p[pes + 7] >> 6) & 0x3;
            if ((flags & 0x2) != 0 && pes + 14 <= base + PACKET) {
                writeTimestamp(p, pes + 9, Math.floorMod(readTimestamp(p, pes + 9) + offset, WRAP));
            }
            if (flags == 0x3 && pes + 19 <= base + PACKET) {
                writeTimestamp(p, pes + 14, Math.floorMod(readTimestamp(p, pes + 14) + offset, WRAP));
            }
        }
    }

    /**
     * A piece of MPEG-TS re-timed as it is read: whole packets pass through {@link Retimer}; a
     * torn packet at the end (a partial segment) is dropped, since it would corrupt the next piece.
     */
    static final class RetimedStream extends InputStream {
        private final InputStream in;
        private final Retimer retimer;
        private final long offset;
        private final byte[] buf = new byte[PACKET * 1024];
        private int pos;
        /** {@code [pos, limit)}: re-timed packets to hand out; {@code [limit, end)}: a torn packet. */
        private int limit;
        private int end;
        private boolean eof;

        RetimedStream(InputStream in, Retimer retimer, long offset) {
            this.in = in;
            this.retimer = retimer;
            this.offset = offset;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (pos == limit) {
                if (eof) {
                    return -1;
                }
                fill();
            }
            int n = Math.min(len, limit - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }

        /** Reads up to a buffer of whole packets; a torn packet's bytes wait for the rest. */
        private void fill() throws IOException {
            int have = end - limit;
            System.arraycopy(buf, limit, buf, 0, have);
            pos = 0;
            limit = 0;
            end = have;
            while (end - limit < PACKET) {
                int n = in.read(buf, end, buf.length - end);
                if (n < 0) {
                    eof = true;
                    return;
                }
                end += n;
            }
            limit = end - end % PACKET;
            retimer.rewrite(buf, 0, limit, offset);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}

package org.streamvault.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Adds a timed-ID3 data stream to an ffmpeg-made MPEG-TS segment, as Twitch (and Apple's HLS
 * timed metadata spec) carry it, since ffmpeg cannot make one from scratch: every PMT gets a
 * {@code metadata_pointer_descriptor} (0x25) in its program info and an elementary stream of
 * {@code stream_type} 0x15 ("metadata carried in PES") on {@link #PID} with a
 * {@code metadata_descriptor} (0x26), both with format identifier {@code "ID3 "} (section length
 * and CRC32/MPEG-2 recomputed); and one PES packet ({@code private_stream_1}, 0xBD) holding an
 * ID3v2.4 tag with a {@code TXXX} frame ({@code segmentmetadata}, a small JSON as Twitch sends)
 * is put in just before the first video (or audio) PES, with that packet's PTS.
 *
 * <p>Works on what ffmpeg's MPEG-TS muxer writes: one program, its PMT in one packet. The
 * segment is streamed packet by packet. Continuity counters of the new PID count from 0 in each
 * file, as ffmpeg's segment muxer does for every PID.
 */
public final class Id3Injector {
    /** The PID of the added stream: after ffmpeg's video (0x100) and audio (0x101). */
    public static final int PID = 0x102;
    static final int STREAM_ID = 0xBD;
    private static final int PACKET = 188;
    private static final byte[] ID3 = "ID3 ".getBytes(StandardCharsets.US_ASCII);

    private Id3Injector() {
    }

    /** Writes {@code in} with the ID3 stream added to {@code out}; {@code sequence} goes into the tag's text. */
    public static void inject(Path in, Path out, int sequence) throws IOException {
        int pmtPid = -1;
        boolean injected = false;
        try (InputStream is = Files.newInputStream(in); OutputStream os = Files.newOutputStream(out)) {
            byte[] p = new byte[PACKET];
            while (true) {
                int n = is.readNBytes(p, 0, PACKET);
                if (n == 0) {
                    break;
                }
                if (n < PACKET || p[0] != 0x47) {
                    throw new IOException(in + ": not whole MPEG-TS packets");
                }
                int pid = pid(p);
                boolean start = (p[1] & 0x40) != 0;
                int payload = payloadStart(p);
                if (pid == 0 && start && payload >= 0) {
                    pmtPid = patPmtPid(p, payload);
                } else if (pid == pmtPid && start && payload >= 0) {
                    rewritePmt(p, payload);
                } else if (!injected && start && payload >= 0 && payload + 14 <= PACKET && isAv(p, payload)) {
                    long pts = pts(p, payload);
                    if (pts >= 0) {
                        os.write(pesPacket(pts, sequence));
                        injected = true;
                    }
                }
                os.write(p);
            }
        }
        if (pmtPid < 0 || !injected) {
            throw new IOException(in + ": no PAT/PMT or no timestamped PES to put timed ID3 next to");
        }
    }

    /** One timed-ID3 PES as found in a file: its PTS (90 kHz) and payload (the ID3 tag). */
    public record Tag(long pts, byte[] data) {
        /** True when the payload is a whole ID3v2.4 tag holding {@code text}. */
        public boolean isId3Holding(String text) {
            return data.length > 10 && data[0] == 'I' && data[1] == 'D' && data[2] == '3' && data[3] == 4
                    && new String(data, StandardCharsets.ISO_8859_1).contains(text);
        }
    }

    /**
     * Every {@code private_stream_1} PES with a PTS in {@code file}, read from the bytes, not through
     * ffmpeg: ffmpeg 5.1 takes the first 5 bytes of every stream_type 0x15 PES for a metadata access
     * unit header (MISB KLV) and hands a tag out without "ID3" and its version. Only PES that fit
     * one TS packet, as the tags this class writes do.
     */
    public static java.util.List<Tag> tags(Path file) throws IOException {
        java.util.List<Tag> out = new java.util.ArrayList<>();
        try (InputStream is = Files.newInputStream(file)) {
            byte[] p = new byte[PACKET];
            while (is.readNBytes(p, 0, PACKET) == PACKET) {
                int at = payloadStart(p);
                if ((p[1] & 0x40) == 0 || at < 0 || at + 14 > PACKET || p[at] != 0 || p[at + 1] != 0 || p[at + 2] != 1
                        || (p[at + 3] & 0xff) != STREAM_ID) {
                    continue;
                }
                long pts = pts(p, at);
                int start = at + 9 + (p[at + 8] & 0xff);
                int end = Math.min(PACKET, at + 6 + (((p[at + 4] & 0xff) << 8) | (p[at + 5] & 0xff)));
                if (pts >= 0 && start < end) {
                    out.add(new Tag(pts, java.util.Arrays.copyOfRange(p, start, end)));
                }
            }
        }
        return out;
    }

    private static int pid(byte[] p) {
        return ((p[1] & 0x1f) << 8) | (p[2] & 0xff);
    }

    private static int payloadStart(byte[] p) {
        int control = (p[3] >> 4) & 0x3;
        if ((control & 0x1) == 0) {
            return -1;
        }
        int at = 4 + ((control & 0x2) != 0 ? 1 + (p[4] & 0xff) : 0);
        return at < PACKET ? at : -1;
    }

    /** The PMT PID of the first program in the PAT section starting at the pointer field {@code at}. */
    private static int patPmtPid(byte[] p, int at) {
        int s = at + 1 + (p[at] & 0xff);
        int length = ((p[s + 1] & 0x0f) << 8) | (p[s + 2] & 0xff);
        for (int e = s + 8; e + 4 <= s + 3 + length - 4; e += 4) {
            int program = ((p[e] & 0xff) << 8) | (p[e + 1] & 0xff);
            if (program != 0) {
                return ((p[e + 2] & 0x1f) << 8) | (p[e + 3] & 0xff);
            }
        }
        return -1;
    }

    /** Rebuilds the PMT section in place (it must stay in this one packet), the rest stuffed with 0xFF. */
    private static void rewritePmt(byte[] p, int at) throws IOException {
        int s = at + 1 + (p[at] & 0xff);
        int length = ((p[s + 1] & 0x0f) << 8) | (p[s + 2] & 0xff);
        if (s + 3 + length > PACKET) {
            throw new IOException("a PMT over more than one packet");
        }
        int program = ((p[s + 3] & 0xff) << 8) | (p[s + 4] & 0xff);
        int infoLength = ((p[s + 10] & 0x0f) << 8) | (p[s + 11] & 0xff);
        int esStart = s + 12 + infoLength;
        int esEnd = s + 3 + length - 4;
        ByteArrayOutputStream section = new ByteArrayOutputStream();
        section.write(p, s, 10); // table id .. PCR PID; lengths fixed below
        byte[] pointer = metadataPointerDescriptor(program);
        int newInfo = infoLength + pointer.length;
        section.write(0xF0 | (newInfo >> 8));
        section.write(newInfo);
        section.write(p, s + 12, infoLength);
        section.write(pointer, 0, pointer.length);
        section.write(p, esStart, esEnd - esStart);
        byte[] descriptor = metadataDescriptor();
        section.write(0x15);
        section.write(0xE0 | (PID >> 8));
        section.write(PID);
        section.write(0xF0 | (descriptor.length >> 8));
        section.write(descriptor.length);
        section.write(descriptor, 0, descriptor.length);
        byte[] body = section.toByteArray();
        int newLength = body.length - 3 + 4;
        body[1] = (byte) ((body[1] & 0xF0) | (newLength >> 8));
        body[2] = (byte) newLength;
        if (s + body.length + 4 > PACKET) {
            throw new IOException("the PMT with timed ID3 does not fit one packet");
        }
        System.arraycopy(body, 0, p, s, body.length);
        int crc = crc32Mpeg2(body);
        int c = s + body.length;
        p[c] = (byte) (crc >>> 24);
        p[c + 1] = (byte) (crc >>> 16);
        p[c + 2] = (byte) (crc >>> 8);
        p[c + 3] = (byte) crc;
        java.util.Arrays.fill(p, c + 4, PACKET, (byte) 0xFF);
    }

    /** ISO 13818-1 2.6.58, as Apple's HLS timed metadata spec fills it in. */
    private static byte[] metadataPointerDescriptor(int program) {
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        d.write(0x25);
        d.write(15);
        d.write(0xFF);
        d.write(0xFF); // metadata_application_format: see identifier
        d.write(ID3, 0, 4);
        d.write(0xFF); // metadata_format: see identifier
        d.write(ID3, 0, 4);
        d.write(0); // metadata_service_id
        d.write(0x1F); // no locator record, carriage in the same transport stream, reserved bits set
        d.write(program >> 8);
        d.write(program);
        return d.toByteArray();
    }

    /** ISO 13818-1 2.6.60. */
    private static byte[] metadataDescriptor() {
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        d.write(0x26);
        d.write(13);
        d.write(0xFF);
        d.write(0xFF);
        d.write(ID3, 0, 4);
        d.write(0xFF);
        d.write(ID3, 0, 4);
        d.write(0); // metadata_service_id
        d.write(0x0F); // decoder_config_flags 000, DSM-CC flag 0, reserved bits set
        return d.toByteArray();
    }

    private static boolean isAv(byte[] p, int at) {
        if (p[at] != 0 || p[at + 1] != 0 || p[at + 2] != 1) {
            return false;
        }
        int id = p[at + 3] & 0xff;
        return id >= 0xC0 && id <= 0xEF;
    }

    private static long pts(byte[] p, int pes) {
        if ((p[pes + 7] & 0x80) == 0) {
            return -1;
        }
        int t = pes + 9;
        return ((long) (p[t] & 0x0E) << 29) | ((p[t + 1] & 0xff) << 22) | ((p[t + 2] & 0xFE) << 14)
                | ((p[t + 3] & 0xff) << 7) | ((p[t + 4] & 0xff) >> 1);
    }

    /** The TS packet(s) of one PES holding {@link #id3Tag}, PTS only, counters from 0. */
    static byte[] pesPacket(long pts, int sequence) throws IOException {
        byte[] tag = id3Tag(sequence, pts);
        ByteArrayOutputStream pes = new ByteArrayOutputStream();
        pes.write(new byte[] {0, 0, 1, (byte) STREAM_ID});
        int length = 3 + 5 + tag.length;
        pes.write(length >> 8);
        pes.write(length);
        pes.write(0x84); // '10', data_alignment_indicator
        pes.write(0x80); // PTS only
        pes.write(5);
        pes.write(0x21 | (int) ((pts >> 29) & 0x0E));
        pes.write((int) (pts >> 22));
        pes.write(0x01 | (int) ((pts >> 14) & 0xFE));
        pes.write((int) (pts >> 7));
        pes.write(0x01 | (int) ((pts << 1) & 0xFE));
        pes.write(tag);
        byte[] data = pes.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int counter = 0;
        for (int off = 0; off < data.length; off += 184, counter++) {
            int n = Math.min(184, data.length - off);
            byte[] p = new byte[PACKET];
            p[0] = 0x47;
            p[1] = (byte) ((off == 0 ? 0x40 : 0) | (PID >> 8));
            p[2] = (byte) PID;
            int at = 4;
            if (n < 184) {
                // adaptation field of stuffing so the payload ends the packet
                int field = 184 - n - 1;
                p[3] = (byte) (0x30 | (counter & 0xF));
                p[4] = (byte) field;
                if (field > 0) {
                    p[5] = 0;
                    java.util.Arrays.fill(p, 6, 5 + field, (byte) 0xFF);
                }
                at = 5 + field;
            } else {
                p[3] = (byte) (0x10 | (counter & 0xF));
            }
            System.arraycopy(data, off, p, at, n);
            out.write(p);
        }
        return out.toByteArray();
    }

    /** An ID3v2.4 tag with one TXXX frame, description {@code segmentmetadata}, a JSON value. */
    static byte[] id3Tag(int sequence, long pts) {
        String json = String.format(Locale.ROOT, "{\"cmd\":\"\",\"stream_offset\":\"%.3f\",\"transc_s\":%d}",
                pts / 90_000.0, sequence);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(3); // UTF-8
        frame.writeBytes("segmentmetadata".getBytes(StandardCharsets.UTF_8));
        frame.write(0);
        frame.writeBytes(json.getBytes(StandardCharsets.UTF_8));
        byte[] content = frame.toByteArray();
        ByteArrayOutputStream tag = new ByteArrayOutputStream();
        int size = 10 + content.length;
        tag.writeBytes(new byte[] {'I', 'D', '3', 4, 0, 0});
        tag.writeBytes(syncsafe(size));
        tag.writeBytes("TXXX".getBytes(StandardCharsets.US_ASCII));
        tag.writeBytes(syncsafe(content.length));
        tag.write(0);
        tag.write(0);
        tag.writeBytes(content);
        return tag.toByteArray();
    }

    private static byte[] syncsafe(int n) {
        return new byte[] {(byte) ((n >> 21) & 0x7F), (byte) ((n >> 14) & 0x7F), (byte) ((n >> 7) & 0x7F), (byte) (n & 0x7F)};
    }

    /** CRC-32/MPEG-2: polynomial 0x04C11DB7, initial 0xFFFFFFFF, no reflection, no final xor. */
    static int crc32Mpeg2(byte[] data) {
        int crc = 0xFFFFFFFF;
        for (byte b : data) {
            crc ^= (b & 0xff) << 24;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
            }
        }
        return crc;
    }
}

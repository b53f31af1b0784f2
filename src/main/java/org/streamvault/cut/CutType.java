package org.streamvault.cut;

import java.util.Locale;

/**
 * How a cut is made (SPEC §4), from cheapest to most faithful.
 *
 * <ul>
 *   <li>{@link #ROUGH}: whole segments concatenated byte for byte, no ffmpeg. Covers at least the
 *       requested range (starts up to one segment early, ends up to one segment late).</li>
 *   <li>{@link #FAST}: only the edge segments of each run (see {@link Run}) go through ffmpeg
 *       (re-encoded with the source's own codecs, trimmed to the exact frame, on the source's
 *       clock); the segments between are copied, every packet re-timed so the timeline runs on
 *       from the start through joins, holes, ranges and stream restarts.</li>
 *   <li>{@link #SMART}: the fast cut put through one ffmpeg stream copy, which packetizes the
 *       same timeline afresh.</li>
 *   <li>{@link #MPEGTS}: the whole range re-encoded to MPEG-TS, streamed while ffmpeg works.</li>
 *   <li>{@link #MP4}: the whole range re-encoded to MP4; the muxer has to seek back, so ffmpeg
 *       writes a temp file that is streamed (and deleted) once ffmpeg has finished.</li>
 * </ul>
 */
public enum CutType {
    ROUGH, FAST, SMART, MPEGTS, MP4;

    /** The name used in URLs and configuration: {@code rough}, {@code fast}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The HTTP content type of the cut. */
    public String contentType() {
        return this == MP4 ? "video/mp4" : "video/MP2T";
    }

    /** True for the types that re-encode the whole range with an {@link Encoding}. */
    public boolean isFullEncode() {
        return this == MPEGTS || this == MP4;
    }

    /**
     * @throws IllegalArgumentException naming the accepted values, for an unknown type
     */
    public static CutType parse(String text) {
        for (CutType t : values()) {
            if (t.id().equals(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown cut type '" + text + "' (expected rough, fast, smart, mpegts or mp4)");
    }
}

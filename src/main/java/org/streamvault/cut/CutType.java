package org.streamvault.cut;

import java.util.Locale;

/**
 * How a cut is made (SPEC §4), from cheapest to most faithful.
 *
 * <ul>
 *   <li>{@link #ROUGH}: whole segments concatenated byte for byte, no ffmpeg. Covers at least the
 *       requested range (starts up to one segment early, ends up to one segment late).</li>
 *   <li>{@link #FAST}: only the first and last segment of each range go through ffmpeg (re-encoded
 *       with the source's own codecs and trimmed to the exact edge); the segments between are
 *       copied as they are. Timestamps jump at the two joins; most players do not mind.</li>
 *   <li>{@link #SMART}: the same pieces as {@code FAST}, joined by ffmpeg's concat demuxer with
 *       stream copy, so timestamps run continuously through the joins.</li>
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

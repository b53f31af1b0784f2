package org.streamvault.upload;

import org.streamvault.cut.CutType;
import org.streamvault.cut.Encoding;

/**
 * One configured upload location: where clips go and how they are cut for it.
 *
 * @param name     the location's name, as rows refer to it in {@code upload_location}
 * @param cutType  {@link CutType#FAST}, {@link CutType#SMART}, or a full re-encode
 *                 ({@link CutType#MPEGTS}/{@link CutType#MP4}) with {@code encoding}
 * @param encoding the full re-encode's ffmpeg arguments and muxer; null for fast/smart
 * @param backend  the uploader
 */
public record UploadLocation(String name, CutType cutType, Encoding encoding, UploadBackend backend) {

    public String contentType() {
        return cutType.contentType();
    }

    public String extension() {
        return cutType == CutType.MP4 ? "mp4" : "ts";
    }
}

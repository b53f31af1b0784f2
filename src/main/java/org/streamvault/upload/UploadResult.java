package org.streamvault.upload;

/**
 * @param videoId           the backend's id for the video
 * @param videoLink         a URL where people can watch it
 * @param needsTranscoding  true when the video is not yet viewable (the row goes to TRANSCODING)
 */
public record UploadResult(String videoId, String videoLink, boolean needsTranscoding) {
}

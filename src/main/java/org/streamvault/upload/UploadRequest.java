package org.streamvault.upload;

import java.util.List;

/**
 * What to call a clip and who may see it.
 *
 * @param jobId       the events row id, for idempotency keys and file names
 * @param title       full title (prefix included)
 * @param description full description (footer included)
 * @param tags        row tags merged with the configured static tags
 * @param isPublic    false for unlisted/private uploads, as the backend understands it
 * @param contentType MIME type of the video ({@code video/MP2T} or {@code video/mp4})
 * @param extension   file extension without the dot ({@code ts} or {@code mp4})
 */
public record UploadRequest(String jobId, String title, String description, List<String> tags, boolean isPublic,
        String contentType, String extension) {
}

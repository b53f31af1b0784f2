package org.streamvault.upload;

import java.util.List;

/**
 * What an editor changed on a published video (SPEC §6, the updater): its new title, description,
 * tags and visibility, for the video the backend knows as {@code videoId}.
 *
 * @param jobId       the events row id, for logs
 * @param videoId     what the upload answered as the video's id ({@link UploadResult#videoId()})
 * @param title       full title (prefix included)
 * @param description full description (footer included)
 * @param tags        row tags merged with the configured static tags
 * @param isPublic    false for unlisted/private, as the backend understands it
 */
public record VideoUpdate(String jobId, String videoId, String title, String description, List<String> tags,
        boolean isPublic) {
    public VideoUpdate {
        tags = List.copyOf(tags);
    }
}

package org.streamvault.jobs;

import java.util.List;
import java.util.UUID;

/**
 * An events row as the cutter sees it: the edit inputs that decide what is cut and uploaded.
 * Times are UTC microseconds. The claim compares every one of these fields, so a row edited
 * between the candidate check and the claim is never cut with stale parameters.
 */
public record Job(UUID id, boolean allowHoles, List<String> uploaderWhitelist, String uploadLocation, boolean isPublic,
        long videoStartMicros, long videoEndMicros, String videoTitle, String videoDescription, List<String> videoTags,
        String videoChannel, String videoQuality, String error) {

    public Job {
        videoTags = videoTags == null ? List.of() : List.copyOf(videoTags);
        uploaderWhitelist = uploaderWhitelist == null ? null : List.copyOf(uploaderWhitelist);
    }

    /** True when {@code node} may take this job (no whitelist, or named on it). */
    public boolean allows(String node) {
        return uploaderWhitelist == null || uploaderWhitelist.contains(node);
    }
}

package org.streamvault.upload;

import java.util.Map;
import java.util.Set;

/**
 * What a backend said about uploaded videos that were waiting for processing.
 *
 * @param done    ids now viewable: their rows become DONE
 * @param failed  ids that will not become viewable without an operator (processing failed, the
 *                video was rejected or deleted), each with a one-line reason; their rows keep
 *                TRANSCODING, since the video exists and uploading it again could duplicate it,
 *                and show the reason as their error
 */
public record TranscodeCheck(Set<String> done, Map<String, String> failed) {
    public TranscodeCheck {
        done = Set.copyOf(done);
        failed = Map.copyOf(failed);
    }
}

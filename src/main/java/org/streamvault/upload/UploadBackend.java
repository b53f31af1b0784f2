package org.streamvault.upload;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Where finished clips go: a local folder, YouTube, ... One instance per configured upload
 * location. Implementations contain no Camel code; the cutter drives them.
 *
 * <p>The one rule that keeps uploads exactly-once: call {@link Finalizer#finalizeNow()} right
 * before the step after which the video may exist at the destination (the rename into place,
 * the last request of a resumable upload). If it throws, abandon the upload: the job was
 * changed or cancelled under us. Any failure after it returned is
 * {@link UploadException.Kind#UNKNOWN_OUTCOME} unless the backend knows for sure that no video
 * was created.
 */
public interface UploadBackend {

    /** Uploads {@code video}; returns where it ended up. */
    UploadResult upload(UploadRequest request, VideoSource video, Finalizer finalizer) throws UploadException;

    /**
     * Changes a published video's title, description, tags and visibility to {@code update}'s,
     * keeping everything else the destination holds (the video itself, what the platform owns).
     * Failures are {@link UploadException.Kind#RETRYABLE} (try again later) or
     * {@link UploadException.Kind#NON_RETRYABLE} (an operator must look).
     */
    default void update(VideoUpdate update) throws UploadException {
        throw new UploadException(UploadException.Kind.NON_RETRYABLE, "this upload location cannot change a published video");
    }

    /** True when uploaded videos need processing before they are DONE (see {@link #checkTranscoding}). */
    default boolean needsTranscodeCheck() {
        return false;
    }

    /** Of {@code videoIds}, those whose processing has finished and those whose processing never will. */
    default TranscodeCheck checkTranscoding(Collection<String> videoIds) throws UploadException {
        return new TranscodeCheck(Set.copyOf(videoIds), Map.of());
    }

    /**
     * Sets the thumbnail of an uploaded video ({@code videoId} as {@link UploadResult#videoId()}
     * named it) to {@code png}, replacing any earlier one. Failures are
     * {@link UploadException.Kind#RETRYABLE} or {@link UploadException.Kind#NON_RETRYABLE}; the
     * video itself is never touched.
     *
     * @param jobId the events row id, for logs
     */
    default void setThumbnail(String jobId, String videoId, byte[] png) throws UploadException {
        throw new UploadException(UploadException.Kind.NON_RETRYABLE, "this upload location cannot set thumbnails");
    }

    /** Called once, right before the irreversible step of an upload. */
    @FunctionalInterface
    interface Finalizer {
        /** @throws UploadCancelledException when the job changed under the uploader */
        void finalizeNow() throws UploadCancelledException;
    }
}

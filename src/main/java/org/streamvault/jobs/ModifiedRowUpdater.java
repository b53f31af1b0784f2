package org.streamvault.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamvault.images.ThumbnailException;
import org.streamvault.upload.UploadException;
import org.streamvault.upload.UploadLocation;
import org.streamvault.upload.VideoUpdate;

/**
 * The cutter's updater (SPEC §6): a published video whose row an editor changed (state MODIFIED)
 * gets the new title, description, tags, visibility and thumbnail at its backend, and the row
 * goes back to DONE. The cutter itself ({@link CutterWorker}) owns the rows it cuts; this owns the
 * rows already cut.
 */
public final class ModifiedRowUpdater {
    private static final Logger LOG = LoggerFactory.getLogger(ModifiedRowUpdater.class);

    /** What happened to one MODIFIED row's update, for metrics and tests. */
    public enum Outcome {
        /** The backend has the change; the row is DONE again. */
        UPDATED,
        /** Failed for now; the row stays MODIFIED with the error and is tried again. */
        RETRY,
        /** Refused for good; the row stays MODIFIED with the error until an editor changes it. */
        FAILED,
        /** The row was edited again or reset meanwhile; left as it is (a newer edit is sent next time). */
        SUPERSEDED
    }

    private final JobStore jobs;
    private final Map<String, UploadLocation> locations;
    private final UnaryOperator<List<String>> tags;
    private final CutterWorker.JobListener listener;
    private final JobThumbnails thumbnails;

    /** @param tags the tags a video gets for a row's own (the node's static tags added) */
    ModifiedRowUpdater(JobStore jobs, Map<String, UploadLocation> locations, UnaryOperator<List<String>> tags,
            CutterWorker.JobListener listener, JobThumbnails thumbnails) {
        this.jobs = jobs;
        this.locations = locations;
        this.tags = tags;
        this.listener = listener;
        this.thumbnails = thumbnails;
    }

    /**
     * The updater (SPEC §6): sends each MODIFIED row's title, description, tags and visibility to
     * its backend, then marks it DONE again; every state change is guarded by the row's
     * {@code last_modified}, so an edit made while the backend was being called is sent on the
     * next round instead of being marked done. Rows of locations this node does not have are left
     * to the nodes that do.
     *
     * @return the outcome of each row tried, in order
     */
    List<Outcome> updateModified() {
        List<Outcome> outcomes = new ArrayList<>();
        for (JobStore.Modification m : jobs.modified()) {
            UploadLocation location = locations.get(m.uploadLocation());
            if (location == null) {
                continue;
            }
            Outcome outcome = update(m, location);
            listener.updated(location, outcome);
            outcomes.add(outcome);
        }
        return outcomes;
    }

    private Outcome update(JobStore.Modification m, UploadLocation location) {
        if (m.videoId() == null) {
            return jobs.markUpdateFailed(m, "Updating the video failed: the row names no video (video_id is empty)")
                    ? Outcome.FAILED : Outcome.SUPERSEDED;
        }
        try {
            location.backend().update(new VideoUpdate(m.id(), m.videoId(), m.title(),
                    m.description(), tags.apply(m.tags()), m.isPublic()));
        } catch (UploadException e) {
            boolean retry = e.kind() == UploadException.Kind.RETRYABLE;
            String error = (retry ? JobStore.UPDATE_RETRY_ERROR : "Updating the video failed: ") + CutterWorker.oneLine(e);
            LOG.warn("{}: updating video {} at {} failed ({}): {}", m.id(), m.videoId(), location.name(),
                    retry ? "will retry" : "needs an editor", CutterWorker.oneLine(e));
            return jobs.markUpdateFailed(m, error) ? (retry ? Outcome.RETRY : Outcome.FAILED)
                    : Outcome.SUPERSEDED;
        }
        JobThumbnails.Rendered thumbnail;
        try {
            thumbnail = changedThumbnail(m, location);
        } catch (ThumbnailException e) {
            LOG.warn("{}: thumbnail failed: {}", m.id(), e.getMessage());
            return jobs.markUpdateFailed(m, "Thumbnail failed: " + e.getMessage()) ? Outcome.FAILED
                    : Outcome.SUPERSEDED;
        } catch (UploadException e) {
            boolean retry = e.kind() == UploadException.Kind.RETRYABLE;
            LOG.warn("{}: setting the thumbnail of {} failed ({}): {}", m.id(), m.videoId(),
                    retry ? "will retry" : "needs an editor", CutterWorker.oneLine(e));
            String error = (retry ? CutterWorker.THUMBNAIL_RETRY_ERROR : "Setting the thumbnail failed: ") + CutterWorker.oneLine(e);
            return jobs.markUpdateFailed(m, error) ? (retry ? Outcome.RETRY : Outcome.FAILED)
                    : Outcome.SUPERSEDED;
        }
        if (!jobs.markUpdated(m, thumbnail)) {
            LOG.info("{} changed while its video was being updated; the newer edit goes next", m.id());
            return Outcome.SUPERSEDED;
        }
        LOG.info("{}: video {} at {} updated", m.id(), m.videoId(), location.name());
        return Outcome.UPDATED;
    }

    /**
     * Sets the row's thumbnail on its video when it differs from the one last set (by SHA-256, as
     * {@code thumbnail_last_written} records it), so an unchanged thumbnail is never sent again.
     *
     * @return the thumbnail set, or null when none was (mode NONE, or unchanged)
     */
    private JobThumbnails.Rendered changedThumbnail(JobStore.Modification m, UploadLocation location)
            throws ThumbnailException, UploadException {
        JobThumbnails.Rendered thumbnail = thumbnails.render(jobs.thumbnail(m.id()));
        if (thumbnail == null || thumbnail.alreadyWritten(jobs.thumbnailLastWritten(m.id()))) {
            return null;
        }
        location.backend().setThumbnail(m.id(), m.videoId(), thumbnail.png());
        return thumbnail;
    }
}

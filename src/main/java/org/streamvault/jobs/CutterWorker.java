package org.streamvault.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamvault.cut.CutPart;
import org.streamvault.cut.CutRange;
import org.streamvault.cut.CutRequest;
import org.streamvault.cut.Cutter;
import org.streamvault.cut.Transition;
import org.streamvault.images.ThumbnailException;
import org.streamvault.images.ThumbnailRenderer;
import org.streamvault.segments.ContainsHolesException;
import org.streamvault.segments.SegmentStore;
import org.streamvault.segments.Selection;
import org.streamvault.upload.TranscodeCheck;
import org.streamvault.upload.UploadCancelledException;
import org.streamvault.upload.UploadException;
import org.streamvault.upload.UploadLocation;
import org.streamvault.upload.UploadRequest;
import org.streamvault.upload.UploadResult;
import org.streamvault.upload.VideoSource;

/**
 * The cutter's decisions (SPEC §6), free of Camel: from the EDITED rows, take one this node
 * may do, check its video exists, claim it, cut it, upload it, and move the row on.
 *
 * <ul>
 * <li>holes (when not allowed) or no video: a readable error on the row, once; the row waits;</li>
 * <li>claim lost (another node, or the row was edited): try the next candidate;</li>
 * <li>cut failed, or the backend refused for good: UNEDITED with the error;</li>
 * <li>retryable upload failure: EDITED again, uploader cleared;</li>
 * <li>the row changed before finalizing: cancelled, quietly;</li>
 * <li>failure after finalizing: stays FINALIZING with the error, for an operator;</li>
 * <li>the thumbnail cannot be made: UNEDITED with the error, before anything is cut;</li>
 * <li>uploaded, but the thumbnail could not be set: MODIFIED with the error (the video is kept; the
 *     updater sets the thumbnail again);</li>
 * <li>success: TRANSCODING or DONE with the video's id and link, and the thumbnail's hash.</li>
 * </ul>
 */
public final class CutterWorker {
    private static final Logger LOG = LoggerFactory.getLogger(CutterWorker.class);

    /** What happened to one job, for metrics and tests. */
    public enum Outcome { DONE, TRANSCODING, RETRY, REJECTED, CANCELLED, UNKNOWN, CLAIM_LOST,
        /** Uploaded, but the thumbnail could not be set: the row is MODIFIED, for the updater to set it. */
        MODIFIED }

    /** The error of a row whose video is up but whose thumbnail is not set yet. */
    public static final String THUMBNAIL_RETRY_ERROR = "Setting the thumbnail failed, will retry: ";

    private final JobStore jobs;
    private final SegmentStore store;
    private final Cutter cutter;
    private final Map<String, UploadLocation> locations;
    private final List<String> staticTags;
    private final Random random;
    private final AtomicBoolean recovered = new AtomicBoolean();
    private final JobListener listener;
    private final JobThumbnails thumbnails;
    private final ModifiedRowUpdater updater;

    /** Told about every job processed, for metrics. */
    @FunctionalInterface
    public interface JobListener {
        void finished(Job job, UploadLocation location, Outcome outcome, long nanos);

        /** A video at {@code location} was found, for the first time, never to become viewable. */
        default void transcodeFailed(UploadLocation location) {
        }

        /** This node claimed {@code job} and is about to cut it. */
        default void claimed(Job job, UploadLocation location) {
        }

        /** {@code job}'s video was uploaded and the row moved on to TRANSCODING or DONE. */
        default void uploaded(Job job, UploadLocation location, UploadResult result) {
        }

        /**
         * {@code job}'s video was uploaded but its thumbnail could not be set: the row is MODIFIED
         * with {@code reason} as its error.
         */
        default void uploadedWithoutThumbnail(Job job, UploadLocation location, UploadResult result, String reason) {
            uploaded(job, location, result);
        }

        /** A MODIFIED row's change went to {@code location} with {@code outcome}. */
        default void updated(UploadLocation location, ModifiedRowUpdater.Outcome outcome) {
        }

        /** {@code job} did not end uploaded ({@code outcome} RETRY, REJECTED or UNKNOWN), for {@code reason}. */
        default void failed(Job job, UploadLocation location, Outcome outcome, String reason) {
        }

        /** A row became DONE: its video is published. */
        default void published(UploadLocation location, JobStore.Published video) {
        }
    }

    public CutterWorker(JobStore jobs, SegmentStore store, Cutter cutter, Map<String, UploadLocation> locations,
            List<String> staticTags, Random random) {
        this(jobs, store, cutter, locations, staticTags, random, (job, location, outcome, nanos) -> {
        });
    }

    public CutterWorker(JobStore jobs, SegmentStore store, Cutter cutter, Map<String, UploadLocation> locations,
            List<String> staticTags, Random random, JobListener listener) {
        this(jobs, store, cutter, locations, staticTags, random, listener, null, Duration.ofSeconds(2));
    }

    /**
     * @param renderer makes the thumbnails set after each upload (SPEC §10); null: rows with a
     *                 thumbnail mode other than NONE that need rendering are refused in one line
     */
    public CutterWorker(JobStore jobs, SegmentStore store, Cutter cutter, Map<String, UploadLocation> locations,
            List<String> staticTags, Random random, JobListener listener, ThumbnailRenderer renderer,
            Duration killGrace) {
        this.thumbnails = new JobThumbnails(renderer, killGrace);
        this.listener = listener;
        this.jobs = jobs;
        this.store = store;
        this.cutter = cutter;
        this.locations = locations;
        this.staticTags = List.copyOf(staticTags);
        this.random = random;
        this.updater = new ModifiedRowUpdater(jobs, locations, this::tags, listener, thumbnails);
    }

    /** Rolls back what a previous run of this node left claimed; runs once per process. */
    public void recoverOnce() {
        if (recovered.compareAndSet(false, true)) {
            int[] counts = jobs.recoverAfterRestart();
            if (counts[0] + counts[1] > 0) {
                LOG.warn("after restart: {} claimed rows returned to EDITED, {} finalizing rows flagged for an operator",
                        counts[0], counts[1]);
            }
        }
    }

    /**
     * Works through the candidates in random order (so nodes do not all fight over the first)
     * and processes the first one this node can claim.
     *
     * @return the outcome for that job, or null when nothing could be taken
     */
    public Outcome workThrough(List<Job> candidates) {
        recoverOnce();
        List<Job> shuffled = new ArrayList<>(candidates);
        Collections.shuffle(shuffled, random);
        for (Job job : shuffled) {
            UploadLocation location = locations.get(job.uploadLocation());
            if (location == null || !job.allows(jobs.node())) {
                continue;
            }
            String problem = videoProblem(job, location);
            if (problem != null) {
                jobs.noteErrorOnce(job, problem);
                continue;
            }
            if (!jobs.claim(job)) {
                LOG.debug("claim of {} lost", job.id());
                continue;
            }
            long t0 = System.nanoTime();
            listener.claimed(job, location);
            Outcome outcome = process(job, location);
            listener.finished(job, location, outcome, System.nanoTime() - t0);
            return outcome;
        }
        return null;
    }

    /** Why the job's video cannot be cut yet, or null when it can; every range is checked. */
    private String videoProblem(Job job, UploadLocation location) {
        String invalid = job.rangeProblem();
        if (invalid != null) {
            return "Cannot cut this row: " + invalid;
        }
        try {
            // unknown transition names, transitions longer than their ranges, or any in a rough cut
            CutRequest.checkJoins(location.cutType(), job.ranges().stream()
                    .map(r -> new CutRange(r.startMicros(), r.endMicros())).toList(), transitions(job));
        } catch (IllegalArgumentException e) {
            return "Cannot cut this row for " + location.name() + ": " + e.getMessage();
        }
        int count = job.ranges().size();
        for (int i = 0; i < count; i++) {
            String which = count == 1 ? "" : " (range " + (i + 1) + " of " + count + ")";
            VideoRange range = job.ranges().get(i);
            try {
                Selection s = store.select(job.videoChannel(), job.videoQuality(), range.startMicros(), range.endMicros(),
                        job.allowHoles());
                if (s.isEmpty()) {
                    return "No video found in the requested range" + which + " on node " + jobs.node();
                }
            } catch (ContainsHolesException e) {
                return "Video contains holes" + which + " (" + e.getMessage().replace("range contains a ", "")
                        + ") on node " + jobs.node() + ": wait for the backfill, or allow holes";
            } catch (IllegalArgumentException e) {
                return "Cannot cut this row: " + e.getMessage();
            }
        }
        return null;
    }

    /** The row's joins as the cut library takes them: a NULL element (hard cut) stays null. */
    private static List<Transition> transitions(Job job) {
        List<Transition> out = new ArrayList<>(); // not List.of: hard cuts are nulls
        for (VideoTransition t : job.transitions()) {
            out.add(t == null ? null : Transition.of(t.type(), t.durationSeconds()));
        }
        return out;
    }

    Outcome process(Job job, UploadLocation location) {
        LOG.info("cutting {} '{}' ({} ranges) for {}", job.id(), job.videoTitle(), job.ranges().size(), location.name());
        List<CutPart> parts = new ArrayList<>();
        for (VideoRange range : job.ranges()) {
            try {
                parts.add(new CutPart(new CutRange(range.startMicros(), range.endMicros()), store.select(
                        job.videoChannel(), job.videoQuality(), range.startMicros(), range.endMicros(), job.allowHoles())));
            } catch (ContainsHolesException e) {
                jobs.releaseForRetry(job, "Video has holes again: " + e.getMessage());
                listener.failed(job, location, Outcome.RETRY, "Video has holes again: " + e.getMessage());
                return Outcome.RETRY;
            }
        }
        // Rendered before the cut, as wubloader does: a thumbnail that cannot be made (no video at its
        // time, no such template) is the editor's to fix, and better found before anything is uploaded.
        JobThumbnails.Rendered thumbnail;
        try {
            thumbnail = thumbnails.render(jobs.thumbnail(job.id()));
        } catch (ThumbnailException e) {
            LOG.warn("{}: thumbnail failed: {}", job.id(), e.getMessage());
            jobs.reject(job, "Thumbnail failed: " + e.getMessage());
            listener.failed(job, location, Outcome.REJECTED, "Thumbnail failed: " + e.getMessage());
            return Outcome.REJECTED;
        }
        CutRequest cut = new CutRequest(location.cutType(), parts, transitions(job), location.encoding());
        AtomicReference<Exception> cutFailure = new AtomicReference<>();
        VideoSource video = () -> new FailureRecordingStream(cutter.open(cut), cutFailure);
        AtomicBoolean finalized = new AtomicBoolean();
        AtomicBoolean cancelled = new AtomicBoolean();
        UploadRequest request = new UploadRequest(job.id(), job.videoTitle(), job.videoDescription(), tags(job),
                job.isPublic(), location.contentType(), location.extension());
        try {
            UploadResult result = location.backend().upload(request, video, () -> {
                if (!jobs.markFinalizing(job)) {
                    cancelled.set(true);
                    throw new UploadCancelledException("the row changed while it was being cut");
                }
                finalized.set(true);
            });
            if (thumbnail != null) {
                String failure = setThumbnail(job, location, result, thumbnail);
                if (failure != null) {
                    // the video is up: never lose it; the row says why and the updater tries again
                    if (!jobs.finishWithoutThumbnail(job, result, THUMBNAIL_RETRY_ERROR + failure)) {
                        LOG.warn("{} uploaded as {} but the row changed meanwhile; left as it is", job.id(),
                                result.videoLink());
                        return Outcome.UNKNOWN;
                    }
                    listener.uploadedWithoutThumbnail(job, location, result, THUMBNAIL_RETRY_ERROR + failure);
                    return Outcome.MODIFIED;
                }
            }
            if (!jobs.finish(job, result, thumbnail)) {
                LOG.warn("{} uploaded as {} but the row changed meanwhile; left as it is", job.id(), result.videoLink());
                return Outcome.UNKNOWN;
            }
            LOG.info("{} uploaded: {}", job.id(), result.videoLink());
            listener.uploaded(job, location, result);
            if (!result.needsTranscoding()) {
                listener.published(location, new JobStore.Published(job.id(), job.videoTitle(), result.videoId(),
                        result.videoLink()));
            }
            return result.needsTranscoding() ? Outcome.TRANSCODING : Outcome.DONE;
        } catch (UploadException | RuntimeException e) {
            Outcome outcome = failed(job, e, cutFailure.get(), finalized.get(), cancelled.get());
            if (outcome != Outcome.CANCELLED) {
                listener.failed(job, location, outcome, oneLine(cutFailure.get() != null ? cutFailure.get() : e));
            }
            return outcome;
        }
    }

    /** Sets the thumbnail of the uploaded video; the reason when it failed, else null. */
    private static String setThumbnail(Job job, UploadLocation location, UploadResult result,
            JobThumbnails.Rendered thumbnail) {
        try {
            location.backend().setThumbnail(job.id(), result.videoId(), thumbnail.png());
            return null;
        } catch (UploadException | RuntimeException e) {
            LOG.warn("{}: {} uploaded but setting its thumbnail failed: {}", job.id(), result.videoLink(), oneLine(e));
            return oneLine(e);
        }
    }

    private Outcome failed(Job job, Exception e, Exception cutFailure, boolean finalized, boolean cancelled) {
        if (cancelled) {
            LOG.info("{} was changed while being cut; upload abandoned", job.id());
            jobs.returnIfStillClaimed(job);
            return Outcome.CANCELLED;
        }
        String reason = oneLine(e);
        if (finalized) {
            LOG.error("{}: upload failed after finalizing, outcome unknown: {}", job.id(), reason);
            jobs.flagFinalizing(job, "Upload failed after finalizing, the video may or may not exist: " + reason);
            return Outcome.UNKNOWN;
        }
        if (cutFailure != null) {
            LOG.warn("{}: cut failed: {}", job.id(), oneLine(cutFailure));
            jobs.reject(job, "Cut failed: " + oneLine(cutFailure));
            return Outcome.REJECTED;
        }
        boolean retry = !(e instanceof UploadException u) || u.kind() != UploadException.Kind.NON_RETRYABLE;
        LOG.warn("{}: upload failed ({}): {}", job.id(), retry ? "will retry" : "needs an editor", reason);
        if (retry) {
            jobs.releaseForRetry(job, "Upload failed, will retry: " + reason);
            return Outcome.RETRY;
        }
        jobs.reject(job, "Upload failed: " + reason);
        return Outcome.REJECTED;
    }

    /**
     * Marks TRANSCODING rows DONE once their backend says processing has finished, and shows on
     * the row why a video never will be viewable (logged once per new reason).
     */
    public int checkTranscoding() {
        int done = 0;
        for (UploadLocation location : locations.values()) {
            if (!location.backend().needsTranscodeCheck()) {
                continue;
            }
            Map<String, String> waiting = jobs.transcoding(location.name());
            if (waiting.isEmpty()) {
                continue;
            }
            try {
                TranscodeCheck check = location.backend().checkTranscoding(waiting.values());
                for (Map.Entry<String, String> e : waiting.entrySet()) {
                    String failure = check.failed().get(e.getValue());
                    if (check.done().contains(e.getValue())) {
                        JobStore.Published video = jobs.markTranscoded(e.getKey());
                        if (video != null) {
                            listener.published(location, video);
                        }
                        done++;
                    } else if (failure != null && jobs.markTranscodeFailed(e.getKey(), failure)) {
                        LOG.warn("{}: {}; the row stays TRANSCODING until an operator resets it", e.getKey(), failure);
                        listener.transcodeFailed(location);
                    }
                }
            } catch (UploadException e) {
                LOG.warn("transcode check for {} failed: {}", location.name(), oneLine(e));
            }
        }
        return done;
    }

    /** The updater's round: see {@link ModifiedRowUpdater#updateModified}. */
    public List<ModifiedRowUpdater.Outcome> updateModified() {
        return updater.updateModified();
    }

    private List<String> tags(Job job) {
        return tags(job.videoTags());
    }

    /** The row's tags, then the node's static ones, each once. */
    List<String> tags(List<String> rowTags) {
        Set<String> merged = new LinkedHashSet<>(rowTags == null ? List.of() : rowTags);
        merged.addAll(staticTags);
        return List.copyOf(merged);
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Remembers the cut's own failure, so a backend's generic I/O error is not blamed on the upload. */
    private static final class FailureRecordingStream extends java.io.FilterInputStream {
        private final AtomicReference<Exception> failure;

        FailureRecordingStream(InputStream in, AtomicReference<Exception> failure) {
            super(in);
            this.failure = failure;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                failure.compareAndSet(null, e);
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                failure.compareAndSet(null, e);
                throw e;
            }
        }
    }

}

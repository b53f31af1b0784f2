package org.streamvault.jobs;

import java.util.Locale;
import org.streamvault.events.EventType;
import org.streamvault.events.NodeEvent;
import org.streamvault.events.NodeEvents;
import org.streamvault.upload.UploadLocation;
import org.streamvault.upload.UploadResult;

/**
 * Publishes what the cutter does (job claimed, uploaded, failed; video published) as node
 * events, and passes every call on to {@code next} (the cutter's metrics).
 */
final class JobEvents implements CutterWorker.JobListener {
    private final CutterWorker.JobListener next;
    private final NodeEvents events;
    private final String node;

    JobEvents(CutterWorker.JobListener next, NodeEvents events, String node) {
        this.next = next;
        this.events = events;
        this.node = node;
    }

    @Override
    public void finished(Job job, UploadLocation location, CutterWorker.Outcome outcome, long nanos) {
        next.finished(job, location, outcome, nanos);
    }

    @Override
    public void transcodeFailed(UploadLocation location) {
        next.transcodeFailed(location);
    }

    @Override
    public void updated(UploadLocation location, ModifiedRowUpdater.Outcome outcome) {
        next.updated(location, outcome);
    }

    @Override
    public void claimed(Job job, UploadLocation location) {
        events.publish(NodeEvent.of(EventType.JOB_CLAIMED, fields(job, location)));
        next.claimed(job, location);
    }

    @Override
    public void uploaded(Job job, UploadLocation location, UploadResult result) {
        events.publish(NodeEvent.of(EventType.JOB_UPLOADED, concat(fields(job, location), "videoId", result.videoId(),
                "link", result.videoLink(), "state", result.needsTranscoding() ? "TRANSCODING" : "DONE")));
        next.uploaded(job, location, result);
    }

    @Override
    public void uploadedWithoutThumbnail(Job job, UploadLocation location, UploadResult result, String reason) {
        events.publish(NodeEvent.of(EventType.JOB_UPLOADED, concat(fields(job, location), "videoId", result.videoId(),
                "link", result.videoLink(), "state", "MODIFIED", "error", reason)));
        next.uploaded(job, location, result);
    }

    @Override
    public void failed(Job job, UploadLocation location, CutterWorker.Outcome outcome, String reason) {
        events.publish(NodeEvent.of(EventType.JOB_FAILED, concat(fields(job, location),
                "outcome", outcome.name().toLowerCase(Locale.ROOT), "error", reason)));
        next.failed(job, location, outcome, reason);
    }

    @Override
    public void published(UploadLocation location, JobStore.Published video) {
        events.publish(NodeEvent.of(EventType.VIDEO_PUBLISHED, "id", video.id(), "title", video.title(),
                "videoId", video.videoId(), "link", video.link(), "location", location.name(), "node", node));
        next.published(location, video);
    }

    private Object[] fields(Job job, UploadLocation location) {
        return new Object[] {"id", job.id(), "title", job.videoTitle(), "channel", job.videoChannel(),
            "quality", job.videoQuality(), "location", location.name(), "node", node};
    }

    private static Object[] concat(Object[] a, Object... b) {
        Object[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

package org.streamvault.jobs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.streamvault.upload.UploadLocation;

/**
 * Cutter meters, labelled by upload location and outcome only (both bounded by configuration):
 * jobs processed, time per job, time per second of video cut and uploaded, and uploaded videos
 * whose processing failed.
 */
final class CutterMetrics implements CutterWorker.JobListener {
    private final MeterRegistry registry;

    CutterMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void finished(Job job, UploadLocation location, CutterWorker.Outcome outcome, long nanos) {
        String[] tags = {"location", location.name(), "outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)};
        Counter.builder("streamvault_cutter_jobs").description("Cutter jobs processed, by outcome").tags(tags)
                .register(registry).increment();
        Timer.builder("streamvault_cutter_job").description("Time to cut and upload one job").tags(tags)
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
        double videoSeconds = job.videoMicros() / 1e6;
        if (videoSeconds > 0) {
            DistributionSummary.builder("streamvault_cutter_job_seconds_per_video_second")
                    .description("Wall seconds spent per second of video cut and uploaded").tags(tags)
                    .register(registry).record(nanos / 1e9 / videoSeconds);
        }
    }

    @Override
    public void updated(UploadLocation location, ModifiedRowUpdater.Outcome outcome) {
        Counter.builder("streamvault_cutter_updates")
                .description("Changes to published videos (MODIFIED rows) sent to their backend, by outcome")
                .tags("location", location.name(), "outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                .register(registry).increment();
    }

    @Override
    public void transcodeFailed(UploadLocation location) {
        Counter.builder("streamvault_cutter_transcode_failures")
                .description("Uploaded videos found never to become viewable (processing failed, rejected, deleted)")
                .tag("location", location.name()).register(registry).increment();
    }
}

package org.streamvault.jobs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.streamvault.upload.UploadLocation;

/**
 * Cutter meters, labelled by upload location and outcome only (both bounded by configuration):
 * jobs processed, time per job, and time per second of video cut and uploaded.
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
        double videoSeconds = (job.videoEndMicros() - job.videoStartMicros()) / 1e6;
        if (videoSeconds > 0) {
            DistributionSummary.builder("streamvault_cutter_job_seconds_per_video_second")
                    .description("Wall seconds spent per second of video cut and uploaded").tags(tags)
                    .register(registry).record(nanos / 1e9 / videoSeconds);
        }
    }
}

package org.streamvault.restream;

import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.streamvault.cut.CutSettings;
import org.streamvault.cut.Cutter;
import org.streamvault.cut.Encoding;
import org.streamvault.metrics.NodeMetrics;
import org.streamvault.segments.SegmentStore;

/**
 * The cut beans: {@code videoCutter} (the {@link Cutter}, shared with the cutter job queue) and
 * the two {@code /cut} processors. Lazy, because they need {@code segmentStore} and
 * {@code nodeMetrics} from another configuration class, which may be processed after this one.
 */
@Configuration
public class CutBeans implements CamelConfiguration {
    @PropertyInject(value = "streamvault.cut.ffmpeg", defaultValue = "ffmpeg")
    private String ffmpeg;
    @PropertyInject(value = "streamvault.cut.ffprobe", defaultValue = "ffprobe")
    private String ffprobe;
    @PropertyInject(value = "streamvault.cut.temp-dir", defaultValue = "/tmp")
    private String tempDir;
    @PropertyInject(value = "streamvault.cut.mpegts-args", defaultValue = CutSettings.DEFAULT_VIDEO_ARGS)
    private String mpegtsArgs;
    @PropertyInject(value = "streamvault.cut.mp4-args", defaultValue = CutSettings.DEFAULT_VIDEO_ARGS + " -movflags +faststart")
    private String mp4Args;
    @PropertyInject(value = "streamvault.cut.max-ranges", defaultValue = "64")
    private int maxRanges;
    @PropertyInject(value = "streamvault.cut.kill-grace-seconds", defaultValue = "2")
    private int killGraceSeconds;
    @PropertyInject(value = "streamvault.cut.niceness", defaultValue = "10")
    private int niceness;
    @PropertyInject(value = "streamvault.http.worker-blocked-warning-seconds", defaultValue = "3600")
    private int workerBlockedWarningSeconds;
    @PropertyInject(value = "streamvault.http.worker-threads", defaultValue = "20")
    private int workerThreads;

    private Cutter cutter;

    /**
     * Options of the node's Vert.x (platform-http picks up a {@code VertxOptions} bean when it
     * creates Vert.x). Camel reads a response body on Vert.x worker threads, and a read of an mp4
     * cut over HTTP/2 waits until ffmpeg has written the whole spool file, which for a long cut is
     * minutes: Vert.x would log "Thread blocked" with a stack trace every second after 60 s. The
     * limit is raised so that only a really stuck worker is reported.
     *
     * <p>A download no longer holds a worker while its client reads (segments go out through
     * {@code sendFile}, cuts through {@link CutSender} behind {@link AsyncHttpEngine}), so the pool
     * is Vert.x's usual size unless configured otherwise.
     */
    @BindToRegistry("vertxOptions")
    public VertxOptions vertxOptions() {
        return new VertxOptions().setMaxWorkerExecuteTime(workerBlockedWarningSeconds)
                .setMaxWorkerExecuteTimeUnit(TimeUnit.SECONDS).setWorkerPoolSize(workerThreads);
    }

    /** The platform-http engine of the cut routes ({@code platformHttpEngine=#asyncHttpEngine}). */
    @BindToRegistry("asyncHttpEngine")
    public AsyncHttpEngine asyncHttpEngine(CamelContext camelContext) {
        AsyncHttpEngine engine = new AsyncHttpEngine();
        engine.setCamelContext(camelContext);
        return engine;
    }

    @BindToRegistry(value = "videoCutter", lazy = true)
    public synchronized Cutter videoCutter() {
        if (cutter == null) {
            cutter = new Cutter(new CutSettings(ffmpeg, ffprobe, Path.of(tempDir),
                    new Encoding(Encoding.splitArgs(mpegtsArgs), "mpegts", false),
                    new Encoding(Encoding.splitArgs(mp4Args), "mp4", true),
                    Duration.ofSeconds(killGraceSeconds), niceness));
        }
        return cutter;
    }

    @BindToRegistry(value = "cutVideoTs", lazy = true)
    public CutProcessor cutVideoTs(CamelContext camelContext) {
        return processor(camelContext, false);
    }

    @BindToRegistry(value = "cutVideoMp4", lazy = true)
    public CutProcessor cutVideoMp4(CamelContext camelContext) {
        return processor(camelContext, true);
    }

    private CutProcessor processor(CamelContext camelContext, boolean mp4) {
        var registry = camelContext.getRegistry();
        return new CutProcessor(registry.lookupByNameAndType("segmentStore", SegmentStore.class), videoCutter(), mp4,
                maxRanges, registry.lookupByNameAndType("nodeMetrics", NodeMetrics.class));
    }
}

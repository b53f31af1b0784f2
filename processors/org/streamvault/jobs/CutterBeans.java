package org.streamvault.jobs;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.streamvault.config.RawProperties;
import org.streamvault.cut.Cutter;
import org.streamvault.cut.ExecSpoolEncoder;
import org.streamvault.db.LazyDataSource;
import org.streamvault.db.NodeDatabase;
import org.streamvault.events.route.EventBeans;
import org.streamvault.images.ThumbnailRenderer;
import org.streamvault.metrics.NodeMetrics;
import org.streamvault.segments.SegmentStore;
import org.streamvault.upload.UploadBackends;
import org.streamvault.upload.UploadLocation;
import org.streamvault.upload.UploadLocations;

/**
 * The cutter's beans. With {@code streamvault.cutter.enabled=true} the node refuses to start,
 * in one line, without a database or without upload locations.
 */
@Configuration
public class CutterBeans implements CamelConfiguration {
    @PropertyInject(value = "streamvault.cutter.enabled", defaultValue = "false")
    private boolean enabled;

    @PropertyInject(value = "streamvault.cutter.credentials-file", defaultValue = "")
    private String credentialsFile;

    @PropertyInject(value = "streamvault.cutter.static-tags", defaultValue = "")
    private String staticTags;

    @PropertyInject(value = "streamvault.cut.kill-grace-seconds", defaultValue = "2")
    private int killGraceSeconds;

    @PropertyInject("streamvault.node-name")
    private String nodeName;

    private Map<String, UploadLocation> locations;

    @Override
    public void configure(CamelContext camelContext) {
        if (!enabled) {
            return;
        }
        NodeDatabase db = camelContext.getRegistry().lookupByNameAndType("nodeDatabase", NodeDatabase.class);
        db.require("the cutter");
        // read raw: the JSON's closing braces would trip placeholder parsing
        String uploadLocations = RawProperties.get(camelContext, "streamvault.cutter.upload-locations", "");
        locations = UploadLocations.parse(uploadLocations, UploadBackends.factories(),
                credentialsFile.isBlank() ? null : Path.of(credentialsFile));
        if (locations.isEmpty()) {
            throw new IllegalArgumentException("the cutter needs streamvault.cutter.upload-locations (a JSON object)");
        }
    }

    /** camel-sql's data source for the cutter routes; only connects when a cutter route runs. */
    @BindToRegistry("cutterDataSource")
    public LazyDataSource cutterDataSource(CamelContext camelContext) {
        return new LazyDataSource(() -> camelContext.getRegistry().lookupByNameAndType("nodeDatabase", NodeDatabase.class)
                .require("the cutter").dataSource());
    }

    @BindToRegistry("cutterJobs")
    public CutterJobs cutterJobs(CamelContext camelContext) {
        return new CutterJobs(() -> {
            var registry = camelContext.getRegistry();
            NodeDatabase db = registry.lookupByNameAndType("nodeDatabase", NodeDatabase.class);
            SegmentStore store = registry.lookupByNameAndType("segmentStore", SegmentStore.class);
            // the same Cutter as /cut, so streamvault.cut.* (ffmpeg, temp dir) applies to jobs too
            // whose spooled encodes (mp4) run as route cut-spool-to-file (camel-exec), counted per route
            Cutter cutter = registry.lookupByNameAndType("videoCutter", Cutter.class)
                    .withSpoolEncoder(new ExecSpoolEncoder(camelContext, ExecSpoolEncoder.SPOOL));
            // and whose thumbnail frames are decoded by route cut-thumbnail-frame-to-file
            ThumbnailRenderer renderer = registry.lookupByNameAndType("thumbnailRenderer", ThumbnailRenderer.class);
            if (renderer != null) {
                renderer = renderer.withFrameEncoder(new ExecSpoolEncoder(camelContext, ExecSpoolEncoder.THUMBNAIL_FRAME),
                        cutter.settings().tempDir());
            }
            NodeMetrics metrics = registry.lookupByNameAndType("nodeMetrics", NodeMetrics.class);
            return new CutterWorker(new JobStore(db.require("the cutter"), nodeName), store, cutter,
                    locations, tags(staticTags), new SecureRandom(), new JobEvents(new CutterMetrics(metrics.registry()),
                            EventBeans.lookup(camelContext), nodeName),
                    renderer,
                    Duration.ofSeconds(killGraceSeconds));
        }, () -> {
            NodeDatabase db = camelContext.getRegistry().lookupByNameAndType("nodeDatabase", NodeDatabase.class);
            return db == null ? "no database" : db.notReadyReason();
        });
    }

    private static List<String> tags(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
    }
}

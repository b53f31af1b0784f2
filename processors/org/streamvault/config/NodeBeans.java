package org.streamvault.config;

import java.nio.file.Path;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.streamvault.metrics.NodeMetrics;
import org.streamvault.restream.FilesListingProcessor;
import org.streamvault.restream.MetricsScrapeProcessor;
import org.streamvault.restream.PlaylistProcessor;
import org.streamvault.restream.SegmentFileProcessor;
import org.streamvault.segments.SegmentStore;

/** The store and restreamer beans that the YAML routes refer to by name, built from configuration. */
@Configuration
public class NodeBeans implements CamelConfiguration {
    @PropertyInject("streamvault.base-dir")
    private String baseDir;

    @PropertyInject(value = "streamvault.restreamer.live-tail-seconds", defaultValue = "15")
    private int liveTailSeconds;

    @PropertyInject(value = "streamvault.restreamer.playlist-cache-mb", defaultValue = "64")
    private int playlistCacheMb;

    private SegmentStore store;

    @BindToRegistry("segmentStore")
    public synchronized SegmentStore segmentStore() {
        if (store == null) {
            store = new SegmentStore(Path.of(baseDir));
        }
        return store;
    }

    /** Shared by every component that records its own meters. */
    @BindToRegistry("nodeMetrics")
    public NodeMetrics nodeMetrics(CamelContext camelContext) {
        return new NodeMetrics(camelContext);
    }

    @BindToRegistry("filesListing")
    public FilesListingProcessor filesListing() {
        return new FilesListingProcessor(segmentStore());
    }

    @BindToRegistry("segmentFile")
    public SegmentFileProcessor segmentFile() {
        return new SegmentFileProcessor(segmentStore());
    }

    @BindToRegistry("playlist")
    public PlaylistProcessor playlist() {
        return new PlaylistProcessor(segmentStore(), liveTailSeconds * 1_000_000L, playlistCacheMb * (1L << 20));
    }

    @BindToRegistry("metricsScrape")
    public MetricsScrapeProcessor metricsScrape(CamelContext camelContext) {
        return new MetricsScrapeProcessor(camelContext);
    }
}

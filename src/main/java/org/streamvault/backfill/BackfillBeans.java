package org.streamvault.backfill;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.support.LifecycleStrategySupport;
import org.streamvault.config.ConfiguredStream;
import org.streamvault.config.NodeExit;
import org.streamvault.db.NodeDatabase;
import org.streamvault.metrics.NodeMetrics;
import org.streamvault.segments.Timestamps;

/** The backfiller's beans, named by {@code routes/backfiller.camel.yaml}, built from its settings. */
@Configuration
public class BackfillBeans implements CamelConfiguration {
    @PropertyInject("streamvault.base-dir")
    private String baseDir;
    @PropertyInject(value = "streamvault.node-name", defaultValue = "")
    private String nodeName;
    @PropertyInject(value = "streamvault.http.port", defaultValue = "8000")
    private int httpPort;
    @PropertyInject(value = "streamvault.channels", defaultValue = "")
    private String channels;
    @PropertyInject(value = "streamvault.qualities", defaultValue = "source")
    private String qualities;
    @PropertyInject(value = "streamvault.backfiller.nodes", defaultValue = "")
    private String nodes;
    @PropertyInject(value = "streamvault.backfiller.node-file", defaultValue = "")
    private String nodeFile;
    @PropertyInject(value = "streamvault.backfiller.start", defaultValue = "")
    private String start;
    @PropertyInject(value = "streamvault.backfiller.recent-cutoff", defaultValue = "120")
    private long recentCutoffSeconds;
    @PropertyInject(value = "streamvault.backfiller.delete-old", defaultValue = "false")
    private boolean deleteOld;
    @PropertyInject(value = "streamvault.backfiller.interval", defaultValue = "120")
    private long intervalSeconds;
    @PropertyInject(value = "streamvault.backfiller.concurrency", defaultValue = "5")
    private int concurrency;
    @PropertyInject(value = "streamvault.backfiller.backoff-cap", defaultValue = "300")
    private long backoffCapSeconds;
    @PropertyInject(value = "streamvault.backfiller.connect-timeout", defaultValue = "5")
    private long connectTimeoutSeconds;
    @PropertyInject(value = "streamvault.backfiller.read-timeout", defaultValue = "30")
    private long readTimeoutSeconds;

    private Backfiller backfiller;

    /** The shared channel and quality settings, parsed and checked once. */
    private List<ConfiguredStream> streams() {
        return ConfiguredStream.parse(channels, qualities);
    }
    private BackfillWindow window;
    private BackfillMetrics metrics;

    /**
     * camel-http for talking to peers, as its own component instance so its short timeouts
     * (a dead peer must fail fast) do not change the downloader's or anyone else's.
     */
    @BindToRegistry("backfill-http")
    public HttpComponent backfillHttp() {
        HttpComponent http = new HttpComponent();
        http.setConnectTimeout(connectTimeoutSeconds * 1000);
        http.setConnectionRequestTimeout(readTimeoutSeconds * 1000);
        http.setSoTimeout(readTimeoutSeconds * 1000);
        http.setResponseTimeout(readTimeoutSeconds * 1000);
        // always a stream, so even small files are hashed and written without a copy in memory
        http.setResponsePayloadStreamingThreshold(-1);
        return http;
    }

    @BindToRegistry("backfiller")
    public synchronized Backfiller backfiller(CamelContext camelContext) {
        if (backfiller == null) {
            List<PeerSource> sources = new ArrayList<>();
            sources.add(new StaticPeers(nodes));
            if (!nodeFile.isBlank()) {
                sources.add(new NodeFile(Path.of(nodeFile)));
            }
            // looked up at each refresh: this bean may be built before the database bean is bound
            sources.add(new DatabasePeers(() -> {
                NodeDatabase db = camelContext.getRegistry().lookupByNameAndType("nodeDatabase", NodeDatabase.class);
                // not ready = schema not applied yet: no rows to read, so no peers from it yet
                return db != null && db.isReady() ? db.require("the backfiller") : null;
            }));
            PeerList peers = new PeerList(sources, nodeName,
                    List.of("http://127.0.0.1:" + httpPort, "http://localhost:" + httpPort));
            PeerPass pass = new PeerPass(new CamelPeerClient(camelContext), Path.of(baseDir),
                    ConfiguredStream.channels(streams()), ConfiguredStream.qualities(streams()), window(), metrics(camelContext),
                    nowMicros(), new SplittableRandom());
            Backoff backoff = new Backoff(intervalSeconds * 1000, backoffCapSeconds * 1000, new SecureRandom());
            Backfiller b = new Backfiller(peers, pass, backoff, metrics(camelContext), concurrency);
            camelContext.addLifecycleStrategy(new LifecycleStrategySupport() {
                @Override
                public void onContextStopping(CamelContext context) {
                    b.close();
                }
            });
            backfiller = b;
        }
        return backfiller;
    }

    @BindToRegistry("backfillRetention")
    public RetentionPass backfillRetention(CamelContext camelContext) {
        return new RetentionPass(deleteOld, Path.of(baseDir), ConfiguredStream.channels(streams()), ConfiguredStream.qualities(streams()),
                window(), metrics(camelContext), nowMicros());
    }

    @BindToRegistry("backfillRunOnce")
    public BackfillRunOnce backfillRunOnce(CamelContext camelContext) {
        NodeExit exit = camelContext.getRegistry().lookupByNameAndType(NodeExit.BEAN, NodeExit.class);
        return new BackfillRunOnce(backfiller(camelContext), backfillRetention(camelContext),
                exit == null ? new NodeExit() : exit, camelContext);
    }

    @BindToRegistry("backfillListingReader")
    public ListingReader backfillListingReader() {
        return new ListingReader();
    }

    @BindToRegistry("backfillSegmentReceiver")
    public SegmentReceiver backfillSegmentReceiver() {
        return new SegmentReceiver();
    }

    private synchronized BackfillWindow window() {
        if (window == null) {
            window = BackfillWindow.parse(start, recentCutoffSeconds);
        }
        return window;
    }

    private synchronized BackfillMetrics metrics(CamelContext camelContext) {
        if (metrics == null) {
            metrics = new BackfillMetrics(() -> camelContext.getRegistry()
                    .lookupByNameAndType("nodeMetrics", NodeMetrics.class).registry());
        }
        return metrics;
    }

    private static LongSupplier nowMicros() {
        return () -> System.currentTimeMillis() * (Timestamps.MICROS_PER_SECOND / 1000);
    }
}

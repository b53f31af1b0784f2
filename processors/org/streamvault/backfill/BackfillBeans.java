package org.streamvault.backfill;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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
import org.streamvault.events.route.EventBeans;
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
    @PropertyInject(value = "streamvault.backfiller.body-timeout", defaultValue = "60")
    private double bodyTimeoutSeconds;
    @PropertyInject(value = "streamvault.backfiller.file-attempts", defaultValue = "4")
    private int fileAttempts;
    @PropertyInject(value = "streamvault.backfiller.file-retry-delay", defaultValue = "0.5")
    private double fileRetryDelaySeconds;
    @PropertyInject(value = "streamvault.backfiller.file-failing-passes", defaultValue = "5")
    private int fileFailingPasses;
    @PropertyInject(value = "streamvault.backfiller.file-backoff-cap", defaultValue = "3600")
    private long fileBackoffCapSeconds;

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
                    nowMicros(), new SplittableRandom(),
                    new PeerPass.Retries(fileAttempts, Math.round(fileRetryDelaySeconds * 1000)));
            Backoff backoff = new Backoff(intervalSeconds * 1000, backoffCapSeconds * 1000, new SecureRandom());
            // a persistently failing file waits one interval, then two, four... up to the cap
            Backfiller b = new Backfiller(peers, pass, backoff, metrics(camelContext), concurrency,
                    () -> new FileFailures(fileFailingPasses, intervalSeconds * 1000, fileBackoffCapSeconds * 1000),
                    EventBeans.lookup(camelContext));
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
    public SegmentReceiver backfillSegmentReceiver(CamelContext camelContext) {
        if (bodyTimeoutSeconds <= 0) {
            throw new IllegalArgumentException("streamvault.backfiller.body-timeout must be positive");
        }
        // one daemon timer thread for every transfer's deadline; it only ever calls abort. Almost
        // every deadline is cancelled when its transfer ends: drop those at once, not a minute later.
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "backfill-body-deadlines");
            t.setDaemon(true);
            return t;
        });
        timers.setRemoveOnCancelPolicy(true);
        camelContext.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext context) {
                timers.shutdownNow();
            }
        });
        return new SegmentReceiver(Math.round(bodyTimeoutSeconds * 1000), timers);
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

package org.streamvault.download.route;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.Processor;
import org.apache.camel.PropertyInject;
import org.apache.camel.StartupListener;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.SimpleEventNotifierSupport;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamvault.config.ConfiguredStream;
import org.streamvault.download.Downloader;
import org.streamvault.download.DownloaderSettings;
import org.streamvault.download.TwitchAuthToken;
import org.streamvault.events.route.EventBeans;
import org.streamvault.metrics.NodeMetrics;

/**
 * Builds the {@link Downloader} from configuration and, once the YAML route templates are loaded,
 * instantiates the poll, resolve and fetch templates once per configured (channel, quality)
 * (each poll route fires when its {@link PollScheduler} asks the stream's recorder to):
 * adding a channel is a line of configuration. Also registers the fetch thread-pool profile
 * (the per-stream cap on fetches in flight) and stops the downloader as soon as the context
 * begins to stop, so in-flight fetches end (as partial or nothing) instead of holding up the
 * routes' graceful shutdown.
 */
@Configuration
public class DownloaderBeans implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(DownloaderBeans.class);
    /**
     * The route templates of routes/downloader.camel.yaml; route ids are
     * {@code <template>-<channel>-<quality>}. In the order the routes are added, hence started:
     * each route before the routes that send to it, so the poll loop, whose first cycle runs as
     * soon as it starts, is last. Camel starts a
     * route's consumer before its route policies' {@code onStart}, and the micrometer route policy
     * times only exchanges that begin after that; with the poll route first, its first fetch could
     * reach the fetch route in between (a direct: producer waits for the consumer), and the fetch
     * route's timer missed it while its exchange counter did not (4 of 5 on /metrics in
     * DownloaderMonitoringTest, in fresh-clone CI runs).
     */
    static final List<String> TEMPLATES = List.of("downloader-suspect-segment", "downloader-fetch-segment",
            "downloader-resolve-url", "downloader-poll-playlist");
    /** The thread-pool profile the fetch hand-off names; each stream's wireTap gets its own pool of it. */
    static final String FETCH_POOL = "downloader-fetch";
    /** Registry name prefix of each poll route's {@link PollScheduler}. */
    static final String POLL_SCHEDULER = "downloaderPollScheduler";

    @PropertyInject("streamvault.base-dir")
    private String baseDir;
    @PropertyInject(value = "streamvault.channels", defaultValue = "")
    private String channels;
    @PropertyInject(value = "streamvault.qualities", defaultValue = "source")
    private String qualities;
    @PropertyInject(value = "streamvault.downloader.suspect-threshold-seconds", defaultValue = "59")
    private double suspect;
    @PropertyInject(value = "streamvault.downloader.give-up-seconds", defaultValue = "1200")
    private double giveUp;
    @PropertyInject(value = "streamvault.downloader.head-soft-timeout-seconds", defaultValue = "2")
    private double headSoft;
    @PropertyInject(value = "streamvault.downloader.head-hard-timeout-seconds", defaultValue = "15")
    private double headHard;
    @PropertyInject(value = "streamvault.downloader.body-soft-timeout-seconds", defaultValue = "6")
    private double bodySoft;
    @PropertyInject(value = "streamvault.downloader.body-hard-timeout-seconds", defaultValue = "90")
    private double bodyHard;
    @PropertyInject(value = "streamvault.downloader.poll-interval-seconds", defaultValue = "2")
    private double pollInterval;
    @PropertyInject(value = "streamvault.downloader.max-url-age-seconds", defaultValue = "1200")
    private double maxUrlAge;
    @PropertyInject(value = "streamvault.downloader.retry-down-seconds", defaultValue = "2")
    private double retryDown;
    @PropertyInject(value = "streamvault.downloader.retry-down-important-seconds", defaultValue = "1")
    private double retryDownImportant;
    @PropertyInject(value = "streamvault.twitch.retry-down-seconds", defaultValue = "5")
    private double twitchRetryDown;
    @PropertyInject(value = "streamvault.twitch.retry-down-important-seconds", defaultValue = "2")
    private double twitchRetryDownImportant;
    @PropertyInject(value = "streamvault.downloader.concurrency", defaultValue = "8")
    private int concurrency;
    @PropertyInject(value = "streamvault.downloader.max-playlist-bytes", defaultValue = "4194304")
    private int maxPlaylistBytes;
    @PropertyInject(value = "streamvault.downloader.offline-after-seconds", defaultValue = "60")
    private double offlineAfter;
    @PropertyInject(value = "streamvault.twitch.gql-url", defaultValue = "https://gql.twitch.tv/gql")
    private String gqlUrl;
    @PropertyInject(value = "streamvault.twitch.usher-url", defaultValue = "https://usher.ttvnw.net")
    private String usherUrl;
    @PropertyInject(value = "streamvault.twitch.client-id", defaultValue = "kimne78kx3ncx6brgo4mv6wki5h1ko")
    private String clientId;
    @PropertyInject(value = "streamvault.twitch.auth-token-file", defaultValue = "")
    private String authTokenFile;

    private Downloader downloader;
    private boolean instantiated;

    @BindToRegistry("downloader")
    public synchronized Downloader downloader(CamelContext camelContext) {
        if (downloader == null) {
            DownloaderSettings settings = new DownloaderSettings(secs(suspect), secs(giveUp), secs(headSoft),
                    secs(headHard), secs(bodySoft), secs(bodyHard), secs(pollInterval), secs(maxUrlAge),
                    secs(retryDown), secs(retryDownImportant), secs(twitchRetryDown), secs(twitchRetryDownImportant),
                    concurrency, maxPlaylistBytes, secs(offlineAfter));
            downloader = new Downloader(Path.of(baseDir), settings, () -> camelContext.getRegistry()
                    .lookupByNameAndType("nodeMetrics", NodeMetrics.class).registry(), EventBeans.lookup(camelContext));
        }
        return downloader;
    }

    @PropertyInject(value = "streamvault.downloader.enabled", defaultValue = "false")
    private boolean enabled;
    @PropertyInject(value = "streamvault.downloader.health-max-age-seconds", defaultValue = "120")
    private double healthMaxAge;

    @BindToRegistry("downloaderHealth")
    public DownloaderHealthCheck downloaderHealth(CamelContext camelContext) {
        return new DownloaderHealthCheck(downloader(camelContext), secs(healthMaxAge), enabled);
    }

    @BindToRegistry("downloaderResolveDue")
    public Processor downloaderResolveDue(CamelContext camelContext) {
        return new PollProcessors.ResolveDue(downloader(camelContext));
    }

    @BindToRegistry("downloaderResolveUrl")
    public Processor downloaderResolveUrl(CamelContext camelContext) {
        return new PollProcessors.ResolveUrl(downloader(camelContext));
    }

    @BindToRegistry("downloaderFetchPlaylists")
    public Processor downloaderFetchPlaylists(CamelContext camelContext) {
        return new PollProcessors.FetchPlaylists(downloader(camelContext));
    }

    @BindToRegistry("downloaderNewSegments")
    public Processor downloaderNewSegments(CamelContext camelContext) {
        return new PollProcessors.NewSegments(downloader(camelContext));
    }

    @BindToRegistry("downloaderFetchSegment")
    public Processor downloaderFetchSegment() {
        return new FetchSegmentProcessor();
    }

    @Override
    public void configure(CamelContext camelContext) throws Exception {
        Downloader d = downloader(camelContext);
        // a fetch holds its thread through its retries (up to the give-up time), as a slot did before;
        // Camel takes a queue size <= 0 as "no queue" (hand-off, then the caller runs the task)
        camelContext.getExecutorServiceManager().registerThreadPoolProfile(new ThreadPoolProfileBuilder(FETCH_POOL)
                .poolSize(concurrency).maxPoolSize(concurrency).maxQueueSize(Integer.MAX_VALUE).keepAliveTime(60L)
                .allowCoreThreadTimeOut(true).build());
        List<StreamConfig> streams = streams(camelContext);
        String authToken = streams.stream().anyMatch(s -> s.source().equals("twitch"))
                ? TwitchAuthToken.read(authTokenFile) : null;
        for (StreamConfig s : streams) {
            if (s.source().equals("twitch")) {
                d.addTwitch(s.channel(), s.quality(), s.important(), s.skewCheck(), URI.create(gqlUrl),
                        URI.create(usherUrl), clientId, authToken, s.firstQuality());
            } else {
                d.addHls(s.channel(), s.quality(), s.important(), s.skewCheck(), URI.create(s.source()),
                        s.firstQuality());
            }
        }
        // The template lives in routes/downloader.camel.yaml, which is loaded after this runs;
        // instantiate it once the context has started.
        camelContext.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                // routes added here would be registered but not started; wait until fully started
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) throws Exception {
                if (instantiated) {
                    return;
                }
                instantiated = true;
                for (StreamConfig s : streams) {
                    // the poll route's consumer names it: scheduler=#downloaderPollScheduler-<c>-<q>
                    context.getRegistry().bind(POLL_SCHEDULER + "-" + s.channel() + "-" + s.quality(),
                            new PollScheduler(d.stream(s.channel(), s.quality())));
                    for (String template : TEMPLATES) {
                        TemplatedRouteBuilder.builder(context, template)
                                .routeId(template + "-" + s.channel() + "-" + s.quality())
                                .parameter("channel", s.channel())
                                .parameter("quality", s.quality())
                                .add();
                    }
                }
            }
        });
        SimpleEventNotifierSupport onStopping = new SimpleEventNotifierSupport() {
            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.CamelContextStoppingEvent;
            }

            @Override
            public void notify(CamelEvent event) {
                d.stop(Duration.ofSeconds(10));
            }
        };
        // a notifier that does not ignore exchange events makes Camel build and offer an event for
        // every exchange and step of every route (9 of 26 poll-thread samples in a JFR profile, issue #18)
        onStopping.setIgnoreExchangeEvents(true);
        camelContext.getManagementStrategy().addEventNotifier(onStopping);
        camelContext.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                d.stop(Duration.ofSeconds(10));
            }
        });
    }

    /** Every (channel, quality) to record, with its source settings; bad values fail start-up in one line. */
    private List<StreamConfig> streams(CamelContext camelContext) {
        List<StreamConfig> out = new ArrayList<>();
        List<ConfiguredStream> configured = ConfiguredStream.parse(channels, qualities);
        List<String> qs = ConfiguredStream.qualities(configured);
        for (String channel : ConfiguredStream.channels(configured)) {
            boolean important = configured.stream().anyMatch(s -> s.channel().equals(channel) && s.important());
            var props = camelContext.getPropertiesComponent();
            String source = props.resolveProperty("streamvault.source." + channel).orElse("twitch").trim();
            String lower = source.toLowerCase(Locale.ROOT);
            if (!lower.equals("twitch") && !lower.startsWith("http://") && !lower.startsWith("https://")) {
                throw new IllegalArgumentException("streamvault.source." + channel + ": expected 'twitch' or an"
                        + " http(s) URL, got '" + source + "'");
            }
            boolean skewCheck = Boolean.parseBoolean(props.resolveProperty("streamvault.source." + channel
                    + ".skew-check").orElse(lower.equals("twitch") ? "true" : "false").trim());
            for (String q : qs) {
                out.add(new StreamConfig(channel, q, important, lower.equals("twitch") ? "twitch" : source,
                        skewCheck, qs.get(0)));
            }
        }
        if (!out.isEmpty()) {
            LOG.info("downloader: {} stream(s) configured: {}", out.size(),
                    out.stream().map(s -> s.channel() + "/" + s.quality()).toList());
        }
        return out;
    }

    private static Duration secs(double seconds) {
        return Duration.ofNanos((long) (seconds * 1e9));
    }

    private record StreamConfig(String channel, String quality, boolean important, String source, boolean skewCheck,
            String firstQuality) {
    }
}

package org.streamvault.metrics;

import org.streamvault.config.ConfiguredStream;
import java.nio.file.Path;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.health.HealthCheckRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamvault.db.NodeDatabase;
import org.streamvault.segments.SegmentStore;
import org.streamvault.segments.Timestamps;

/**
 * Hooks observability into the node once its beans exist: selection timing on the segment
 * store (when metrics are on), the node's own health checks — the database one when
 * {@code streamvault.db.url} is set, stall detection when the downloader runs — and the
 * management server (Jolokia behind credentials, {@code streamvault.management.*}).
 */
@Configuration
public class ObservabilityBeans implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(ObservabilityBeans.class);

    @PropertyInject(value = "streamvault.metrics.enabled", defaultValue = "true")
    private boolean metricsEnabled;

    @PropertyInject(value = "streamvault.db.url", defaultValue = "")
    private String dbUrl;

    @PropertyInject(value = "streamvault.db.user", defaultValue = "")
    private String dbUser;

    @PropertyInject(value = "streamvault.db.password", defaultValue = "")
    private String dbPassword;

    @PropertyInject(value = "streamvault.downloader.enabled", defaultValue = "false")
    private boolean downloaderEnabled;

    @PropertyInject(value = "streamvault.channels", defaultValue = "")
    private String channels;

    @PropertyInject(value = "streamvault.qualities", defaultValue = "source")
    private String qualities;

    @PropertyInject(value = "streamvault.health.stall-seconds", defaultValue = "120")
    private long stallSeconds;

    @PropertyInject(value = "streamvault.management.enabled", defaultValue = "true")
    private boolean managementEnabled;

    @PropertyInject(value = "streamvault.management.host", defaultValue = "127.0.0.1")
    private String managementHost;

    @PropertyInject(value = "streamvault.management.port", defaultValue = "8778")
    private int managementPort;

    @PropertyInject(value = "streamvault.management.path", defaultValue = "/jolokia")
    private String managementPath;

    @PropertyInject(value = "streamvault.management.credentials-file", defaultValue = "")
    private String managementCredentialsFile;

    @PropertyInject(value = "camel.server.max-body-size", defaultValue = "1048576")
    private long maxBodyBytes;

    @Override
    public void configure(CamelContext context) {
        SegmentStore store = context.getRegistry().lookupByNameAndType("segmentStore", SegmentStore.class);
        NodeMetrics metrics = context.getRegistry().lookupByNameAndType("nodeMetrics", NodeMetrics.class);
        if (store == null || metrics == null) {
            throw new IllegalStateException("segmentStore and nodeMetrics beans must exist before observability is wired");
        }
        if (managementEnabled) {
            addManagementServer(context);
        }
        if (metricsEnabled) {
            store.setSelectionInterceptor(new SelectionTiming(metrics, store));
        }
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health == null) {
            return;
        }
        if (!dbUrl.isBlank()) {
            health.register(new DatabaseHealthCheck(dbUrl.strip(), dbUser, dbPassword, () -> {
                NodeDatabase db = context.getRegistry().lookupByNameAndType("nodeDatabase", NodeDatabase.class);
                return db == null ? null : db.notReadyReason();
            }));
        }
        if (downloaderEnabled) {
            var streams = ConfiguredStream.parse(channels, qualities);
            health.register(new StreamStallHealthCheck(store, streams, stallSeconds * Timestamps.MICROS_PER_SECOND,
                    () -> System.currentTimeMillis() * 1000));
            LOG.info("stall detection for {} stream(s), newest segment older than {} s is DOWN", streams.size(),
                    stallSeconds);
        }
    }

    private void addManagementServer(CamelContext context) {
        ManagementCredentials credentials = null;
        if (!managementCredentialsFile.isBlank()) {
            try {
                credentials = new ManagementCredentials(Path.of(managementCredentialsFile.strip()), System::nanoTime);
            } catch (ManagementCredentials.CredentialsFileException e) {
                throw new IllegalArgumentException("streamvault.management.credentials-file: " + e.getMessage());
            }
        }
        String path = managementPath.strip();
        if (!path.startsWith("/") || path.endsWith("/") || path.length() < 2) {
            throw new IllegalArgumentException("streamvault.management.path: '" + managementPath
                    + "' must start with '/' and not end with one, e.g. /jolokia");
        }
        try {
            context.addService(new ManagementServer(context, managementHost.strip(), managementPort, path,
                    maxBodyBytes, credentials), true, true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot add the management server: " + e.getMessage(), e);
        }
    }
}

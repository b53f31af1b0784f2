package org.streamvault.playlists.route;

import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.youtube.YouTube;
import com.google.auth.http.HttpCredentialsAdapter;
import io.micrometer.core.instrument.Counter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.streamvault.config.RawProperties;
import org.streamvault.db.NodeDatabase;
import org.streamvault.metrics.NodeMetrics;
import org.streamvault.playlists.PlaylistManager;
import org.streamvault.playlists.PlaylistStore;
import org.streamvault.playlists.YouTubePlaylistApi;
import org.streamvault.sheetsync.GoogleCredentialsFile;

/**
 * The playlist manager's beans. With {@code streamvault.playlists.enabled=true} the node refuses to
 * start, in one line, without a database or a readable credentials file.
 */
@Configuration
public class PlaylistBeans implements CamelConfiguration {
    private static final String P = "streamvault.playlists.";

    @PropertyInject(value = P + "enabled", defaultValue = "false")
    private boolean enabled;

    @PropertyInject(value = P + "quota-backoff-seconds", defaultValue = "3600")
    private double quotaBackoffSeconds;

    private volatile Supplier<PlaylistManager> factory;

    @Override
    public void configure(CamelContext camelContext) {
        if (!enabled) {
            return;
        }
        NodeDatabase db = camelContext.getRegistry().lookupByNameAndType("nodeDatabase", NodeDatabase.class);
        db.require("the playlist manager");
        String credentials = raw(camelContext, "credentials-file");
        if (credentials.isEmpty()) {
            throw new IllegalArgumentException("the playlist manager needs " + P + "credentials-file");
        }
        HttpCredentialsAdapter adapter = new HttpCredentialsAdapter(GoogleCredentialsFile.load("playlist manager", Path.of(credentials),
                URI.create(raw(camelContext, "token-url"))));
        HttpRequestInitializer initializer = request -> {
            adapter.initialize(request);
            request.setConnectTimeout(20_000);
            request.setReadTimeout(20_000);
        };
        String root = raw(camelContext, "api-root-url");
        YouTube client = new YouTube.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(), initializer)
                .setRootUrl(root.endsWith("/") ? root : root + "/").setApplicationName("streamvault").build();
        List<String> locations = Arrays.stream(raw(camelContext, "upload-locations").split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        factory = () -> {
            var registry = camelContext.getRegistry().lookupByNameAndType("nodeMetrics", NodeMetrics.class).registry();
            YouTubePlaylistApi api = new YouTubePlaylistApi(client, method -> Counter.builder("streamvault_playlists_api_calls")
                    .description("YouTube playlistItems calls, by method").tag("method", method).register(registry)
                    .increment());
            return new PlaylistManager(new PlaylistStore(db.require("the playlist manager"), locations), api, registry,
                    Math.round(quotaBackoffSeconds * 1000), System::currentTimeMillis);
        };
    }

    /** What the playlists route calls on each tick. */
    @BindToRegistry("playlistManager")
    public PlaylistTimer playlistManager() {
        return new PlaylistTimer(() -> {
            if (factory == null) {
                throw new IllegalStateException("the playlist manager is off (streamvault.playlists.enabled=false)");
            }
            return factory.get();
        });
    }

    private static String raw(CamelContext camelContext, String key) {
        return RawProperties.get(camelContext, P + key, "").strip();
    }
}

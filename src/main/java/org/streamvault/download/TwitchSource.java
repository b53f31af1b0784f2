package org.streamvault.download;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.streamvault.hls.PlaylistException;
import org.streamvault.hls.PlaylistText;

/**
 * A Twitch channel, resolved through Twitch's public playback-token flow: a GQL
 * {@code PlaybackAccessToken} request gives a signed token, with which usher's
 * {@code /api/channel/hls/<channel>.m3u8} hands out the master playlist. Both base URLs are
 * settings, so tests point them at a local fake.
 *
 * <p>As wubloader's downloader does today: usher is asked for {@link #SUPPORTED_CODECS} (AV1,
 * then HEVC, then H.264, in that order of preference), and an optional OAuth token of a Twitch
 * account (fewer ads for subscribers/Turbo) goes on the GQL request only, as
 * {@code Authorization: OAuth <token>}. The token is never logged nor put in an error message.
 */
public final class TwitchSource implements StreamSource {
    /** The persisted-query hash of Twitch's web player PlaybackAccessToken query. */
    static final String TOKEN_QUERY_HASH = "0828119ded1c13477966434e15800ff57ddacf13ba1911c129dc2200705b0712";
    /** The codecs usher may offer, in wubloader's order of preference. */
    static final String SUPPORTED_CODECS = "av1,h265,h264";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OriginClient client;
    private final PlaylistFetcher fetcher;
    private final URI gqlUrl;
    private final URI usherBase;
    private final String clientId;
    private final String channel;
    private final String firstQuality;
    private final int maxBytes;
    /** The OAuth token, or {@code null} for anonymous access. */
    private final String authToken;

    TwitchSource(OriginClient client, PlaylistFetcher fetcher, URI gqlUrl, URI usherBase, String clientId,
            String channel, String firstQuality, int maxBytes, String authToken) {
        this.client = client;
        this.fetcher = fetcher;
        this.gqlUrl = gqlUrl;
        this.usherBase = usherBase;
        this.clientId = clientId;
        this.channel = channel;
        this.firstQuality = firstQuality;
        this.maxBytes = maxBytes;
        this.authToken = authToken;
    }

    @Override
    public URI resolve(String quality) throws IOException, PlaylistException {
        JsonNode token = accessToken();
        String value = token.path("value").asText("");
        String signature = token.path("signature").asText("");
        if (value.isEmpty() || signature.isEmpty()) {
            throw new StreamOfflineException("Twitch gave no playback token for '" + channel + "' (no such channel?)");
        }
        URI master = usherBase.resolve("/api/channel/hls/" + encode(channel) + ".m3u8?sig=" + encode(signature)
                + "&token=" + encode(value) + "&allow_source=true&allow_audio_only=true&fast_bread=true"
                + "&player_backend=mediaplayer&playlist_include_framerate=true&supported_codecs="
                + encode(SUPPORTED_CODECS)
                + "&p=" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000));
        return HlsSource.fromPlaylist(fetcher, master, quality, firstQuality);
    }

    private JsonNode accessToken() throws IOException, PlaylistException {
        ObjectNode body = JSON.createObjectNode();
        body.put("operationName", "PlaybackAccessToken");
        ObjectNode query = body.putObject("extensions").putObject("persistedQuery");
        query.put("version", 1);
        query.put("sha256Hash", TOKEN_QUERY_HASH);
        ObjectNode vars = body.putObject("variables");
        vars.put("isLive", true);
        vars.put("login", channel);
        vars.put("isVod", false);
        vars.put("vodID", "");
        vars.put("playerType", "site");
        Map<String, String> headers = authToken == null ? Map.of("Client-ID", clientId)
                : Map.of("Client-ID", clientId, "Authorization", "OAuth " + authToken);
        try (OriginClient.Exchange ex = client.postJson(gqlUrl, JSON.writeValueAsString(body), headers)) {
            if (ex.status() != 200) {
                throw new IOException("Twitch GQL answered HTTP " + ex.status() + (authToken != null
                        && (ex.status() == 401 || ex.status() == 403)
                        ? " (is the token in streamvault.twitch.auth-token-file still valid?)" : ""));
            }
            JsonNode reply;
            try {
                reply = JSON.readTree(PlaylistText.read(ex.body(), maxBytes));
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                throw new IOException("Twitch GQL answered with malformed JSON");
            }
            return reply.path("data").path("streamPlaybackAccessToken");
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

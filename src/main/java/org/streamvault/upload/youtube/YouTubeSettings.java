package org.streamvault.upload.youtube;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.client.googleapis.media.MediaHttpUploader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;

/**
 * A {@code youtube} upload location's settings, read from its JSON object in
 * {@code streamvault.cutter.upload-locations}.
 *
 * <p>Keys (all optional): {@code privacy} ({@code public}, {@code unlisted} or {@code private};
 * default {@code public}), {@code hidden} ({@code true} is shorthand for {@code unlisted}),
 * {@code category_id} (YouTube category number, default 22 "People &amp; Blogs", YouTube's own
 * default), {@code language} (BCP-47 code for the title and the audio, default {@code en}),
 * {@code chunk_size} (bytes per upload request, a multiple of 262144, default 8 MiB; one chunk is
 * held in memory per running upload), {@code credentials_file} (overrides the node-wide
 * {@code streamvault.cutter.credentials-file}, for locations on different channels), and for
 * tests {@code api_root_url} and {@code token_url}.
 *
 * @param privacy         the privacy status a public clip gets
 * @param categoryId      YouTube category id
 * @param language        default language of title/description and audio
 * @param chunkSize       bytes per resumable-upload request
 * @param apiRootUrl      root of the YouTube Data API, ending in {@code /}
 * @param tokenUrl        OAuth 2 token endpoint used to refresh the access token
 * @param credentialsFile JSON with {@code client_id}, {@code client_secret}, {@code refresh_token}
 */
public record YouTubeSettings(String privacy, String categoryId, String language, int chunkSize, String apiRootUrl,
        URI tokenUrl, Path credentialsFile) {

    public static final String DEFAULT_API_ROOT_URL = "https://www.googleapis.com/";
    public static final String DEFAULT_TOKEN_URL = "https://oauth2.googleapis.com/token";
    public static final int DEFAULT_CHUNK_SIZE = 32 * MediaHttpUploader.MINIMUM_CHUNK_SIZE;
    private static final Set<String> PRIVACY = Set.of("public", "unlisted", "private");

    /**
     * Reads a location's settings; every mistake is one line naming the location and the key.
     *
     * @param credentialsFile the node-wide credentials file, or null when none is configured
     * @throws IllegalArgumentException on a bad or missing setting
     */
    public static YouTubeSettings parse(String location, JsonNode s, Path credentialsFile) {
        String where = "upload location '" + location + "'";
        if (s == null || !s.isObject()) {
            throw new IllegalArgumentException(where + " must be a JSON object");
        }
        String privacy = text(where, s, "privacy", null);
        JsonNode hidden = s.get("hidden");
        if (hidden != null && !hidden.isBoolean()) {
            throw new IllegalArgumentException(where + ": \"hidden\" must be true or false");
        }
        boolean isHidden = hidden != null && hidden.booleanValue();
        if (privacy == null) {
            privacy = isHidden ? "unlisted" : "public";
        } else if (!PRIVACY.contains(privacy)) {
            throw new IllegalArgumentException(where + ": \"privacy\" must be public, unlisted or private, not '"
                    + privacy + "'");
        } else if (isHidden && privacy.equals("public")) {
            throw new IllegalArgumentException(where + ": \"hidden\": true contradicts \"privacy\": \"public\"");
        }
        JsonNode category = s.get("category_id");
        String categoryId = category == null ? "22" : category.asText();
        if (!categoryId.matches("[0-9]{1,4}")) {
            throw new IllegalArgumentException(where + ": \"category_id\" must be a YouTube category number");
        }
        String language = text(where, s, "language", "en");
        JsonNode chunk = s.get("chunk_size");
        if (chunk != null && !(chunk.isIntegralNumber() && chunk.canConvertToInt())) {
            throw new IllegalArgumentException(where + ": \"chunk_size\" must be a number of bytes");
        }
        int chunkSize = chunk == null ? DEFAULT_CHUNK_SIZE : chunk.intValue();
        if (chunkSize <= 0 || chunkSize % MediaHttpUploader.MINIMUM_CHUNK_SIZE != 0) {
            throw new IllegalArgumentException(where + ": \"chunk_size\" must be a positive multiple of "
                    + MediaHttpUploader.MINIMUM_CHUNK_SIZE);
        }
        String root = url(where, "api_root_url", text(where, s, "api_root_url", DEFAULT_API_ROOT_URL)).toString();
        URI token = url(where, "token_url", text(where, s, "token_url", DEFAULT_TOKEN_URL));
        String ownCredentials = text(where, s, "credentials_file", null);
        Path credentials = ownCredentials != null ? Path.of(ownCredentials) : credentialsFile;
        if (credentials == null || credentials.toString().isBlank()) {
            throw new IllegalArgumentException(where + " (youtube) needs credentials: set"
                    + " streamvault.cutter.credentials-file or \"credentials_file\"");
        }
        return new YouTubeSettings(privacy, categoryId, language, chunkSize, root.endsWith("/") ? root : root + "/",
                token, credentials);
    }

    /** The privacy status for one upload: a non-public request makes a public location's clip unlisted. */
    public String privacyFor(boolean requestIsPublic) {
        return !requestIsPublic && privacy.equals("public") ? "unlisted" : privacy;
    }

    private static URI url(String where, String key, String value) {
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below, in the same words as a URL of the wrong kind
        }
        throw new IllegalArgumentException(where + ": \"" + key + "\" must be an http(s) URL, not '" + value + "'");
    }

    private static String text(String where, JsonNode s, String key, String fallback) {
        JsonNode v = s.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": \"" + key + "\" must be a non-empty string");
        }
        return v.asText();
    }
}

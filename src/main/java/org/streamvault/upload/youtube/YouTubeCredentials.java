package org.streamvault.upload.youtube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.auth.oauth2.UserCredentials;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the OAuth client and refresh token that let Streamvault upload to one channel.
 *
 * <p>The file has the shape of Google's "authorized user" JSON (what {@code gcloud auth
 * application-default login} writes, or what any OAuth consent flow for the scope
 * {@code https://www.googleapis.com/auth/youtube} yields; uploading needs {@code youtube.upload}
 * and the processing check {@code youtube.readonly}, which that scope covers):
 * {@code {"client_id": "...", "client_secret": "...", "refresh_token": "..."}}; other keys such
 * as {@code "type"} are ignored. Access tokens are fetched from {@code tokenUrl} when needed and
 * refreshed before they expire by Google's auth library.
 */
final class YouTubeCredentials {
    private static final Logger LOG = LoggerFactory.getLogger(YouTubeCredentials.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private YouTubeCredentials() {
    }

    /** @throws IllegalArgumentException in one line when the file is missing, unreadable or incomplete */
    static UserCredentials load(Path file, URI tokenUrl) {
        JsonNode json;
        try {
            json = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("YouTube credentials file " + file + " cannot be read: "
                    + e.getMessage().split("\n")[0]);
        }
        warnIfOthersCanRead(file);
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("YouTube credentials file " + file + " must hold a JSON object");
        }
        return UserCredentials.newBuilder()
                .setClientId(required(file, json, "client_id"))
                .setClientSecret(required(file, json, "client_secret"))
                .setRefreshToken(required(file, json, "refresh_token"))
                .setTokenServerUri(tokenUrl)
                .build();
    }

    private static void warnIfOthersCanRead(Path file) {
        try {
            if (Files.getPosixFilePermissions(file).contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warn("YouTube credentials file {} is readable by every user; chmod 600 it", file);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX filesystem, or permissions unreadable: nothing to warn about
        }
    }

    private static String required(Path file, JsonNode json, String key) {
        JsonNode v = json.get(key);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("YouTube credentials file " + file + " needs \"" + key + "\"");
        }
        return v.asText();
    }
}

package org.streamvault.sheetsync;

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
 * Google credentials (the spreadsheet's, the playlists' channel's), in the cutter's format: Google's "authorized user" JSON
 * {@code {"client_id": ..., "client_secret": ..., "refresh_token": ...}} for an account that may
 * edit the spreadsheet, consented for the scope {@code https://www.googleapis.com/auth/spreadsheets}.
 * Access tokens are fetched from {@code tokenUrl} and refreshed by Google's auth library.
 */
public final class GoogleCredentialsFile {
    private static final Logger LOG = LoggerFactory.getLogger(GoogleCredentialsFile.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private GoogleCredentialsFile() {
    }

    /** @throws IllegalArgumentException in one line when the file is missing, unreadable or incomplete */
    public static UserCredentials load(Path file, URI tokenUrl) {
        return load("sheet sync", file, tokenUrl);
    }

    /** @param user who reads the file, for messages ("playlist manager") */
    public static UserCredentials load(String user, Path file, URI tokenUrl) {
        String where = user + " credentials file " + file;
        JsonNode json;
        try {
            json = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(where + " cannot be read: " + String.valueOf(e.getMessage()).split("\n")[0]);
        }
        try {
            if (Files.getPosixFilePermissions(file).contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warn("{} is readable by every user; chmod 600 it", where);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX filesystem: nothing to warn about
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException(where + " must hold a JSON object");
        }
        return UserCredentials.newBuilder().setClientId(required(where, json, "client_id"))
                .setClientSecret(required(where, json, "client_secret"))
                .setRefreshToken(required(where, json, "refresh_token")).setTokenServerUri(tokenUrl).build();
    }

    private static String required(String where, JsonNode json, String key) {
        JsonNode v = json.get(key);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(where + " needs \"" + key + "\"");
        }
        return v.asText();
    }
}

package org.streamvault.download;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optional OAuth token of a Twitch account ({@code streamvault.twitch.auth-token-file}): a
 * file holding the token on one line, kept out of the configuration and the repository. It is
 * read once at start-up; a file that is named but missing, empty or not one token stops the
 * node with a one-line reason. The token itself is never logged nor put in a message.
 */
public final class TwitchAuthToken {
    private static final Logger LOG = LoggerFactory.getLogger(TwitchAuthToken.class);
    /** Far above a real token (30 characters); a larger file is not a token file. */
    static final int MAX_BYTES = 4096;
    static final String SETTING = "streamvault.twitch.auth-token-file";

    private TwitchAuthToken() {
    }

    /** The token in {@code file}, or {@code null} when the setting is blank (anonymous access). */
    public static String read(String file) {
        if (file == null || file.isBlank()) {
            return null;
        }
        Path path = Path.of(file.trim());
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new IllegalArgumentException(SETTING + ": cannot read " + path + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException(SETTING + ": " + path + " is larger than " + MAX_BYTES
                    + " bytes, not a token file");
        }
        String token = new String(bytes, StandardCharsets.UTF_8).strip();
        if (token.startsWith("OAuth ")) {
            token = token.substring("OAuth ".length()).strip(); // a header value pasted whole
        }
        if (token.isEmpty()) {
            throw new IllegalArgumentException(SETTING + ": " + path + " is empty");
        }
        if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(SETTING + ": " + path
                    + " must hold the token alone on one line (no spaces or control characters)");
        }
        LOG.info("Twitch: using the OAuth token in {} for playback-token requests", path);
        return token;
    }
}

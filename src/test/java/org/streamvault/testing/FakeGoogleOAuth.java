package org.streamvault.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Google's OAuth 2 token endpoint, as far as an installed app with a refresh token uses it:
 * {@code POST} a form with {@code grant_type=refresh_token}, the client id and secret and the
 * refresh token, get {@code {"access_token": ..., "expires_in": ..., "token_type": "Bearer"}};
 * a wrong refresh token gets 400 {@code invalid_grant}, a malformed request 400
 * {@code invalid_request} (and is reported as a protocol violation). Mount it on a fake API
 * server and check bearer tokens with {@link #issued}.
 */
public final class FakeGoogleOAuth implements HttpHandler {
    public static final String CLIENT_ID = "fake-client.apps.example";
    public static final String CLIENT_SECRET = "fake-secret";
    public static final String REFRESH_TOKEN = "fake-refresh-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicInteger issuedCount = new java.util.concurrent.atomic.AtomicInteger();
    private final String scope;
    private final Consumer<String> violations;

    public FakeGoogleOAuth(String scope, Consumer<String> violations) {
        this.scope = scope;
        this.violations = violations;
    }

    /** Writes an authorized-user credentials file this endpoint accepts. */
    public static Path writeCredentials(Path file) throws IOException {
        ObjectNode creds = JSON.createObjectNode().put("type", "authorized_user").put("client_id", CLIENT_ID)
                .put("client_secret", CLIENT_SECRET).put("refresh_token", REFRESH_TOKEN);
        return Files.writeString(file, JSON.writeValueAsString(creds));
    }

    /** True when {@code authorization} is {@code Bearer <a token this endpoint issued>}. */
    public boolean issued(String authorization) {
        return authorization != null && authorization.startsWith("Bearer ") && tokens.contains(authorization.substring(7));
    }

    /** Every access token issued so far stops working, as when they expire: clients must refresh. */
    public void revokeAll() {
        tokens.clear();
    }

    /** How many access tokens this endpoint has issued. */
    public int tokensIssued() {
        return issuedCount.get();
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        Map<String, List<String>> form = params(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!ex.getRequestMethod().equals("POST") || !List.of("refresh_token").equals(form.get("grant_type"))
                || !List.of(CLIENT_ID).equals(form.get("client_id"))
                || !List.of(CLIENT_SECRET).equals(form.get("client_secret"))) {
            violations.accept("bad token request: " + form);
            send(ex, 400, JSON.createObjectNode().put("error", "invalid_request"));
        } else if (!List.of(REFRESH_TOKEN).equals(form.get("refresh_token"))) {
            send(ex, 400, JSON.createObjectNode().put("error", "invalid_grant")
                    .put("error_description", "Token has been expired or revoked."));
        } else {
            String token = "ya29.fake-" + UUID.randomUUID();
            tokens.add(token);
            issuedCount.incrementAndGet();
            send(ex, 200, JSON.createObjectNode().put("access_token", token).put("expires_in", 3599)
                    .put("token_type", "Bearer").put("scope", scope));
        }
    }

    /** Answers with a JSON body. */
    static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Query or form parameters; repeated and comma-joined values both become lists, as Google reads them. */
    static Map<String, List<String>> params(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            List<String> values = out.computeIfAbsent(key, k -> new ArrayList<>());
            for (String v : value.split(",")) {
                if (!v.isEmpty()) {
                    values.add(v);
                }
            }
        }
        return out;
    }
}

package org.streamvault.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A stand-in for Google's OAuth token endpoint and the parts of the YouTube Data API v3 that
 * Streamvault uses, on loopback, speaking the real wire protocols:
 * <ul>
 * <li>{@code POST /token} with a {@code refresh_token} grant → {@code access_token} JSON
 *     (400 {@code invalid_grant} for a wrong refresh token);</li>
 * <li>{@code POST /upload/youtube/v3/videos?uploadType=resumable&part=...} with the video
 *     resource as JSON (gzip accepted) → 200 and a {@code Location} session URL;</li>
 * <li>{@code PUT <session>} with {@code Content-Range: bytes a-b/*} (or {@code /total}) → 308
 *     with {@code Range: bytes=0-n}, and on the last byte 200 with the video resource;</li>
 * <li>{@code GET /youtube/v3/videos?part=status,processingDetails&id=...} → the videos'
 *     {@code status.uploadStatus} ({@code uploaded} until {@link #markProcessed}).</li>
 * </ul>
 * API calls without the bearer token it issued get 401. Failures are scripted with
 * {@link #failCreate}, {@link #failChunk} and {@link #failFinalChunk}; any protocol violation
 * by the client is recorded in {@link #violations()} and answered with 400.
 */
public final class FakeYouTube implements AutoCloseable {
    public static final String CLIENT_ID = "fake-client.apps.example";
    public static final String CLIENT_SECRET = "fake-secret";
    public static final String REFRESH_TOKEN = "fake-refresh-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RANGE = Pattern.compile("bytes (?:(\\d+)-(\\d+)|\\*)/(\\d+|\\*)");

    /** An uploaded video as the fake holds it. */
    public record FakeVideo(String id, JsonNode resource, byte[] body, String contentType) {
    }

    private record Failure(int status, String reason) {
    }

    private static final class Session {
        final JsonNode resource;
        final String contentType;
        final long announcedLength;
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        int chunks;

        Session(JsonNode resource, String contentType, long announcedLength) {
            this.resource = resource;
            this.contentType = contentType;
            this.announcedLength = announcedLength;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, FakeVideo> videos = new ConcurrentHashMap<>();
    private final Set<String> processed = ConcurrentHashMap.newKeySet();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final List<Integer> listSizes = new CopyOnWriteArrayList<>();
    private volatile Failure createFailure;
    private volatile Failure listFailure;
    private volatile Failure finalChunkFailure;
    private volatile int failingChunk = -1;
    private volatile Failure chunkFailure;

    public FakeYouTube() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", this::token);
        server.createContext("/upload/youtube/v3/videos", this::upload);
        server.createContext("/youtube/v3/videos", this::list);
        server.setExecutor(executor);
        server.start();
    }

    /** The API root to configure ({@code api_root_url}). */
    public String rootUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** The token endpoint to configure ({@code token_url}). */
    public String tokenUrl() {
        return rootUrl() + "token";
    }

    /** Writes a credentials file this fake accepts. */
    public Path writeCredentials(Path file) throws IOException {
        ObjectNode creds = JSON.createObjectNode().put("type", "authorized_user").put("client_id", CLIENT_ID)
                .put("client_secret", CLIENT_SECRET).put("refresh_token", REFRESH_TOKEN);
        return Files.writeString(file, JSON.writeValueAsString(creds));
    }

    /** Every upload initiation from now on is answered with {@code status} and error reason {@code reason}. */
    public void failCreate(int status, String reason) {
        createFailure = new Failure(status, reason);
    }

    /** Chunk number {@code n} (from 1) of the next upload is answered with {@code status}, not stored. */
    public void failChunk(int n, int status, String reason) {
        failingChunk = n;
        chunkFailure = new Failure(status, reason);
    }

    /** The chunk completing the next upload creates the video but is answered with {@code status}. */
    public void failFinalChunk(int status) {
        finalChunkFailure = new Failure(status, "backendError");
    }

    /** Every {@code videos.list} from now on is answered with {@code status}. */
    public void failList(int status) {
        listFailure = new Failure(status, "backendError");
    }

    /** How many ids each {@code videos.list} request asked about. */
    public List<Integer> listSizes() {
        return List.copyOf(listSizes);
    }

    public void markProcessed(String videoId) {
        processed.add(videoId);
    }

    public Map<String, FakeVideo> videos() {
        return Map.copyOf(videos);
    }

    /** Bytes received so far over all sessions that have not completed. */
    public long pendingBytes() {
        return sessions.values().stream().mapToLong(s -> s.body.size()).sum();
    }

    public int sessionsOpened() {
        return ids.get();
    }

    public List<String> violations() {
        return List.copyOf(violations);
    }

    private void token(HttpExchange ex) throws IOException {
        Map<String, String> form = query(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!ex.getRequestMethod().equals("POST") || !"refresh_token".equals(form.get("grant_type"))
                || !CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            violations.add("bad token request: " + form);
            send(ex, 400, JSON.createObjectNode().put("error", "invalid_request"));
        } else if (!REFRESH_TOKEN.equals(form.get("refresh_token"))) {
            send(ex, 400, JSON.createObjectNode().put("error", "invalid_grant")
                    .put("error_description", "Token has been expired or revoked."));
        } else {
            String token = "ya29.fake-" + UUID.randomUUID();
            tokens.add(token);
            send(ex, 200, JSON.createObjectNode().put("access_token", token).put("expires_in", 3599)
                    .put("token_type", "Bearer").put("scope", "https://www.googleapis.com/auth/youtube"));
        }
    }

    private void upload(HttpExchange ex) throws IOException {
        if (!authorized(ex)) {
            return;
        }
        Map<String, String> q = query(ex.getRequestURI().getRawQuery());
        if (!"resumable".equals(q.get("uploadType"))) {
            violation(ex, "upload without uploadType=resumable: " + ex.getRequestURI());
        } else if (ex.getRequestMethod().equals("POST") && !q.containsKey("upload_id")) {
            create(ex, q);
        } else if (ex.getRequestMethod().equals("PUT") && sessions.containsKey(q.get("upload_id"))) {
            chunk(ex, sessions.get(q.get("upload_id")), q.get("upload_id"));
        } else {
            violation(ex, ex.getRequestMethod() + " to unknown upload " + ex.getRequestURI());
        }
    }

    private void create(HttpExchange ex, Map<String, String> q) throws IOException {
        InputStream in = ex.getRequestBody();
        if ("gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
            in = new GZIPInputStream(in);
        }
        JsonNode resource = JSON.readTree(in);
        Failure failure = createFailure;
        if (failure != null) {
            sendError(ex, failure);
            return;
        }
        Set<String> parts = Set.of(q.getOrDefault("part", "").split(","));
        String type = ex.getRequestHeaders().getFirst("X-Upload-Content-Type");
        if (!parts.containsAll(List.of("snippet", "status")) || resource == null || !resource.has("snippet")
                || type == null) {
            violation(ex, "initiation needs part=snippet,status, a video resource and X-Upload-Content-Type");
            return;
        }
        String length = ex.getRequestHeaders().getFirst("X-Upload-Content-Length");
        String id = "u" + ids.incrementAndGet();
        sessions.put(id, new Session(resource, type, length == null ? -1 : Long.parseLong(length)));
        ex.getResponseHeaders().set("Location", rootUrl() + "upload/youtube/v3/videos?uploadType=resumable&upload_id=" + id);
        ex.sendResponseHeaders(200, -1);
        ex.close();
    }

    private void chunk(HttpExchange ex, Session s, String uploadId) throws IOException {
        byte[] bytes = ex.getRequestBody().readAllBytes();
        Matcher m = RANGE.matcher(String.valueOf(ex.getRequestHeaders().getFirst("Content-Range")));
        if (!m.matches() || m.group(1) == null && bytes.length > 0) {
            violation(ex, "bad Content-Range " + ex.getRequestHeaders().getFirst("Content-Range"));
            return;
        }
        synchronized (s) {
            s.chunks++;
            if (m.group(1) != null && (Long.parseLong(m.group(1)) != s.body.size()
                    || Long.parseLong(m.group(2)) - Long.parseLong(m.group(1)) + 1 != bytes.length)) {
                violation(ex, "chunk " + m.group() + " of " + bytes.length + " bytes after " + s.body.size());
                return;
            }
            if (s.chunks == failingChunk) {
                failingChunk = -1;
                sendError(ex, chunkFailure);
                return;
            }
            s.body.write(bytes);
            long total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
            if (s.announcedLength >= 0 && total >= 0 && total != s.announcedLength) {
                violation(ex, "total " + total + " differs from X-Upload-Content-Length " + s.announcedLength);
                return;
            }
            if (total < 0 || s.body.size() < total) {
                if (s.body.size() > 0) {
                    ex.getResponseHeaders().set("Range", "bytes=0-" + (s.body.size() - 1));
                }
                ex.sendResponseHeaders(308, -1);
                ex.close();
                return;
            }
            sessions.remove(uploadId);
            String id = "vid" + UUID.randomUUID().toString().substring(0, 8);
            ObjectNode video = (ObjectNode) s.resource.deepCopy();
            video.put("kind", "youtube#video").put("id", id);
            video.withObjectProperty("status").put("uploadStatus", "uploaded");
            videos.put(id, new FakeVideo(id, video, s.body.toByteArray(), s.contentType));
            Failure failure = finalChunkFailure;
            finalChunkFailure = null;
            if (failure != null) {
                sendError(ex, failure);
            } else {
                send(ex, 200, video);
            }
        }
    }

    private void list(HttpExchange ex) throws IOException {
        if (!authorized(ex)) {
            return;
        }
        Map<String, List<String>> q = multiQuery(ex.getRequestURI().getRawQuery());
        Set<String> parts = Set.copyOf(q.getOrDefault("part", List.of()));
        if (!ex.getRequestMethod().equals("GET") || !parts.contains("status") || !q.containsKey("id")) {
            violation(ex, "videos.list needs GET, part=status and id: " + ex.getRequestURI());
            return;
        }
        if (listFailure != null) {
            sendError(ex, listFailure);
            return;
        }
        listSizes.add(q.get("id").size());
        ArrayNode items = JSON.createArrayNode();
        for (String id : q.get("id")) {
            FakeVideo v = videos.get(id);
            if (v != null) {
                boolean done = processed.contains(id);
                ObjectNode item = items.addObject().put("kind", "youtube#video").put("id", id);
                item.putObject("status").put("uploadStatus", done ? "processed" : "uploaded")
                        .put("privacyStatus", v.resource().path("status").path("privacyStatus").asText());
                if (parts.contains("processingDetails")) {
                    item.putObject("processingDetails").put("processingStatus", done ? "succeeded" : "processing");
                }
            }
        }
        ObjectNode response = JSON.createObjectNode().put("kind", "youtube#videoListResponse");
        response.set("items", items);
        response.putObject("pageInfo").put("totalResults", items.size()).put("resultsPerPage", items.size());
        send(ex, 200, response);
    }

    private boolean authorized(HttpExchange ex) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth != null && auth.startsWith("Bearer ") && tokens.contains(auth.substring(7))) {
            return true;
        }
        ex.getRequestBody().readAllBytes();
        ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\"");
        sendError(ex, new Failure(401, "authError"));
        return false;
    }

    private void violation(HttpExchange ex, String what) throws IOException {
        violations.add(what);
        sendError(ex, new Failure(400, "badRequest"));
    }

    private static void sendError(HttpExchange ex, Failure f) throws IOException {
        ObjectNode error = JSON.createObjectNode();
        ObjectNode body = error.putObject("error").put("code", f.status()).put("message", "fake " + f.reason());
        body.putArray("errors").addObject().put("domain", "youtube.video").put("reason", f.reason())
                .put("message", "fake " + f.reason());
        send(ex, f.status(), error);
    }

    private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        multiQuery(raw).forEach((k, v) -> out.put(k, String.join(",", v)));
        return out;
    }

    /** Query or form parameters; repeated and comma-joined values both become lists, as Google reads them. */
    private static Map<String, List<String>> multiQuery(String raw) {
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

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

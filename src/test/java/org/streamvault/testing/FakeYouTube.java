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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
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
 * <li>{@code POST /token}: Google's OAuth token endpoint ({@link FakeGoogleOAuth});</li>
 * <li>{@code POST /upload/youtube/v3/videos?uploadType=resumable&part=...} with the video
 *     resource as JSON (gzip accepted) → 200 and a {@code Location} session URL;</li>
 * <li>{@code PUT <session>} with {@code Content-Range: bytes a-b/*} (or {@code /total}) → 308
 *     with {@code Range: bytes=0-n}, and on the last byte 200 with the video resource;</li>
 * <li>{@code GET /youtube/v3/videos?part=status,processingDetails&id=...} → the videos'
 *     {@code status.uploadStatus} ({@code uploaded} until {@link #markProcessed} or
 *     {@link #markFailed}; {@link #delete} makes a video unknown); with {@code part=snippet} the
 *     snippet too, including what YouTube owns ({@code channelId}, {@code publishedAt}, ...);</li>
 * <li>{@code PUT /youtube/v3/videos?part=snippet,status} with a video resource: {@code videos.update}.
 *     As YouTube does, each named part is replaced whole (a field left out is reset, not kept),
 *     the read-only fields excepted; a snippet needs {@code title} and {@code categoryId}; an unknown
 *     id is 404 {@code videoNotFound}. {@link #ownerSets} changes a field as the channel's owner
 *     would in YouTube Studio, so a test can see whether an update kept it.</li>
 * <li>{@code /youtube/v3/playlistItems}: list (paged), insert, update (move) and delete, over
 *     playlists made with {@link #addPlaylist}; positions are indexes into the list as it stands.</li>
 * <li>{@code POST /upload/youtube/v3/thumbnails/set?videoId=...&uploadType=media} with the image as
 *     the body ({@code image/png} or {@code image/jpeg}, at most 2 MB) → the thumbnail set response;
 *     an unknown video is 404 {@code videoNotFound}, a body that is no image 400 {@code invalidImage},
 *     a larger one 413 {@code mediaBodyTooLarge} (kept in {@link #thumbnails}).</li>
 * </ul>
 * API calls without the bearer token it issued get 401. Failures are scripted with
 * {@link #failCreate}, {@link #failChunk}, {@link #failFinalChunk} and {@link #failThumbnails}; any protocol violation
 * by the client is recorded in {@link #violations()} and answered with 400.
 */
public final class FakeYouTube implements AutoCloseable {
    public static final String REFRESH_TOKEN = FakeGoogleOAuth.REFRESH_TOKEN;
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
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, FakeVideo> videos = new ConcurrentHashMap<>();
    private final Set<String> processed = ConcurrentHashMap.newKeySet();
    /** id → {uploadStatus, the reason field's name, its value}, for videos that will not be viewable. */
    private final Map<String, String[]> failedProcessing = new ConcurrentHashMap<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final FakeGoogleOAuth oauth = new FakeGoogleOAuth("https://www.googleapis.com/auth/youtube", violations::add);
    private final AtomicInteger ids = new AtomicInteger();
    private final List<Integer> listSizes = new CopyOnWriteArrayList<>();
    private volatile Failure createFailure;
    private volatile Failure listFailure;
    private volatile Failure finalChunkFailure;
    private volatile int failingChunk = -1;
    private volatile Failure chunkFailure;
    private volatile Failure thumbnailFailure;
    /** video id → every thumbnail set on it, in order. */
    private final Map<String, List<byte[]>> thumbnails = new ConcurrentHashMap<>();
    private volatile Failure updateFailure;
    private final List<String> updated = new CopyOnWriteArrayList<>();

    public FakeYouTube() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", oauth);
        server.createContext("/upload/youtube/v3/videos", this::upload);
        server.createContext("/youtube/v3/videos", this::list);
        server.createContext("/youtube/v3/playlistItems", this::playlistItems);
        server.createContext("/upload/youtube/v3/thumbnails/set", this::setThumbnail);
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
        return FakeGoogleOAuth.writeCredentials(file);
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

    /** Every {@code videos.update} from now on is answered with {@code status} and error reason {@code reason}. */
    public void failUpdate(int status, String reason) {
        updateFailure = new Failure(status, reason);
    }

    /** Updates are accepted again. */
    public void acceptUpdates() {
        updateFailure = null;
    }

    /** The ids of the videos changed by {@code videos.update}, one entry per accepted request. */
    public List<String> updated() {
        return List.copyOf(updated);
    }

    /** Sets {@code part.field} of a video as its owner would in YouTube Studio. */
    public void ownerSets(String videoId, String part, String field, Object value) {
        FakeVideo v = videos.get(videoId);
        ObjectNode resource = (ObjectNode) v.resource().deepCopy();
        resource.withObjectProperty(part).set(field, JSON.valueToTree(value));
        videos.put(videoId, new FakeVideo(videoId, resource, v.body(), v.contentType()));
    }

    /** Every {@code thumbnails.set} from now on is answered with {@code status}; null accepts them again. */
    public void failThumbnails(Integer status) {
        thumbnailFailure = status == null ? null : new Failure(status, status >= 500 ? "backendError" : "forbidden");
    }

    /** The thumbnails set on {@code videoId}, in order (empty if none). */
    public List<byte[]> thumbnails(String videoId) {
        return List.copyOf(thumbnails.getOrDefault(videoId, List.of()));
    }

    /** How many ids each {@code videos.list} request asked about. */
    public List<Integer> listSizes() {
        return List.copyOf(listSizes);
    }

    public void markProcessed(String videoId) {
        processed.add(videoId);
    }

    /**
     * YouTube gave up on the video: {@code failed} (with a {@code failureReason} such as
     * {@code codec}) or {@code rejected} (with a {@code rejectionReason} such as {@code duplicate}).
     */
    public void markFailed(String videoId, String uploadStatus, String reason) {
        String field = switch (uploadStatus) {
            case "failed" -> "failureReason";
            case "rejected" -> "rejectionReason";
            default -> throw new IllegalArgumentException("not a failed upload status: " + uploadStatus);
        };
        failedProcessing.put(videoId, new String[] {uploadStatus, field, reason});
    }

    /** The video is gone, as if deleted on YouTube: videos.list no longer returns it. */
    public void delete(String videoId) {
        videos.remove(videoId);
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


    private void upload(HttpExchange ex) throws IOException {
        if (!authorized(ex)) {
            return;
        }
        Map<String, String> q = new LinkedHashMap<>();
        FakeGoogleOAuth.params(ex.getRequestURI().getRawQuery()).forEach((k, v) -> q.put(k, String.join(",", v)));
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
            video.withObjectProperty("status").put("uploadStatus", "uploaded").put("license", "youtube")
                    .put("embeddable", true);
            // what YouTube itself fills in
            video.withObjectProperty("snippet").put("channelId", "UCfake").put("channelTitle", "Fake channel")
                    .put("publishedAt", "2026-11-20T15:00:00Z").putObject("thumbnails").putObject("default")
                    .put("url", "https://i.ytimg.example/" + id + "/default.jpg");
            videos.put(id, new FakeVideo(id, video, s.body.toByteArray(), s.contentType));
            Failure failure = finalChunkFailure;
            finalChunkFailure = null;
            if (failure != null) {
                sendError(ex, failure);
            } else {
                FakeGoogleOAuth.send(ex, 200, video);
            }
        }
    }

    private void list(HttpExchange ex) throws IOException {
        if (!authorized(ex)) {
            return;
        }
        Map<String, List<String>> q = FakeGoogleOAuth.params(ex.getRequestURI().getRawQuery());
        Set<String> parts = new java.util.HashSet<>();
        q.getOrDefault("part", List.of()).forEach(p -> parts.addAll(List.of(p.split(","))));
        if (ex.getRequestMethod().equals("PUT")) {
            update(ex, parts);
            return;
        }
        if (!ex.getRequestMethod().equals("GET") || !(parts.contains("status") || parts.contains("snippet"))
                || !q.containsKey("id")) {
            violation(ex, "videos.list needs GET, part=status or snippet, and id: " + ex.getRequestURI());
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
                String[] failure = failedProcessing.get(id);
                ObjectNode item = items.addObject().put("kind", "youtube#video").put("id", id);
                if (parts.contains("snippet")) {
                    item.set("snippet", v.resource().path("snippet").deepCopy());
                }
                ObjectNode status = JSON.createObjectNode();
                if (parts.contains("status")) {
                    status = item.putObject("status");
                    status.setAll((ObjectNode) v.resource().path("status").deepCopy());
                }
                status.put("uploadStatus", failure != null ? failure[0] : done ? "processed" : "uploaded");
                if (failure != null) {
                    status.put(failure[1], failure[2]);
                }
                if (parts.contains("processingDetails")) {
                    item.putObject("processingDetails").put("processingStatus",
                            failure != null ? "failed" : done ? "succeeded" : "processing");
                }
            }
        }
        ObjectNode response = JSON.createObjectNode().put("kind", "youtube#videoListResponse");
        response.set("items", items);
        response.putObject("pageInfo").put("totalResults", items.size()).put("resultsPerPage", items.size());
        FakeGoogleOAuth.send(ex, 200, response);
    }

    /** Fields of each part that only YouTube writes; an update keeps them whatever it sends. */
    private static final Map<String, List<String>> READ_ONLY = Map.of(
            "snippet", List.of("channelId", "channelTitle", "publishedAt", "thumbnails", "liveBroadcastContent", "localized"),
            "status", List.of("uploadStatus", "failureReason", "rejectionReason"));

    private void update(HttpExchange ex, Set<String> parts) throws IOException {
        InputStream in = ex.getRequestBody();
        if ("gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
            in = new GZIPInputStream(in);
        }
        JsonNode body = JSON.readTree(in);
        if (parts.isEmpty() || !Set.of("snippet", "status").containsAll(parts) || body == null || !body.has("id")) {
            violation(ex, "videos.update needs part=snippet and/or status and a video resource with an id");
            return;
        }
        for (String part : parts) {
            if (!body.has(part)) {
                violation(ex, "videos.update names part " + part + " but the resource has none");
                return;
            }
        }
        if (updateFailure != null) {
            sendError(ex, updateFailure);
            return;
        }
        String id = body.get("id").asText();
        FakeVideo v = videos.get(id);
        if (v == null) {
            sendError(ex, new Failure(404, "videoNotFound"));
            return;
        }
        JsonNode snippet = body.path("snippet");
        if (parts.contains("snippet") && (snippet.path("title").asText("").isBlank()
                || snippet.path("categoryId").asText("").isBlank())) {
            sendError(ex, new Failure(400, snippet.path("title").asText("").isBlank() ? "invalidTitle"
                    : "invalidCategoryId"));
            return;
        }
        if (parts.contains("snippet") && (snippet.path("title").asText().length() > 100
                || snippet.path("title").asText().matches(".*[<>].*")
                || snippet.path("description").asText().matches("(?s).*[<>].*"))) {
            sendError(ex, new Failure(400, "invalidTitle"));
            return;
        }
        ObjectNode resource = (ObjectNode) v.resource().deepCopy();
        for (String part : parts) {
            ObjectNode replaced = (ObjectNode) body.get(part).deepCopy();
            for (String field : READ_ONLY.get(part)) {
                replaced.remove(field);
                if (resource.path(part).has(field)) {
                    replaced.set(field, resource.path(part).get(field));
                }
            }
            resource.set(part, replaced);
        }
        videos.put(id, new FakeVideo(id, resource, v.body(), v.contentType()));
        updated.add(id);
        ObjectNode answer = resource.deepCopy();
        answer.put("kind", "youtube#video");
        FakeGoogleOAuth.send(ex, 200, answer);
    }

    private void setThumbnail(HttpExchange ex) throws IOException {
        if (!authorized(ex)) {
            return;
        }
        Map<String, List<String>> q = FakeGoogleOAuth.params(ex.getRequestURI().getRawQuery());
        String type = String.valueOf(ex.getRequestHeaders().getFirst("Content-Type"));
        InputStream in = ex.getRequestBody();
        if ("gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
            in = new GZIPInputStream(in);
        }
        byte[] image = in.readNBytes(2 * 1024 * 1024 + 1);
        in.readAllBytes();
        String videoId = q.containsKey("videoId") ? q.get("videoId").get(0) : null;
        if (!ex.getRequestMethod().equals("POST") || videoId == null
                || !List.of("media").equals(q.getOrDefault("uploadType", List.of()))) {
            violation(ex, "thumbnails.set needs POST with videoId and uploadType=media: " + ex.getRequestURI());
            return;
        }
        if (thumbnailFailure != null) {
            sendError(ex, thumbnailFailure);
            return;
        }
        if (!videos.containsKey(videoId)) {
            sendError(ex, new Failure(404, "videoNotFound"));
            return;
        }
        if (image.length > 2 * 1024 * 1024) {
            sendError(ex, new Failure(413, "mediaBodyTooLarge"));
            return;
        }
        boolean png = image.length > 8 && (image[0] & 0xff) == 0x89 && image[1] == 'P' && image[2] == 'N';
        boolean jpeg = image.length > 2 && (image[0] & 0xff) == 0xff && (image[1] & 0xff) == 0xd8;
        if (!(png && type.startsWith("image/png") || jpeg && type.startsWith("image/jpeg"))) {
            sendError(ex, new Failure(400, "invalidImage"));
            return;
        }
        thumbnails.computeIfAbsent(videoId, k -> new CopyOnWriteArrayList<>()).add(image);
        ObjectNode response = JSON.createObjectNode().put("kind", "youtube#thumbnailSetResponse");
        response.putArray("items").addObject().putObject("default").put("url", "https://i.ytimg.example/" + videoId
                + "/default.jpg").put("width", 120).put("height", 90);
        FakeGoogleOAuth.send(ex, 200, response);
    }

    private boolean authorized(HttpExchange ex) throws IOException {
        if (oauth.issued(ex.getRequestHeaders().getFirst("Authorization"))) {
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
        FakeGoogleOAuth.send(ex, f.status(), error);
    }

    // ---- playlistItems (the playlist manager) ----------------------------------------------

    /** playlist id → its items in order, each {item id, video id}. */
    private final Map<String, List<String[]>> playlists = new ConcurrentHashMap<>();
    private final Set<String> existingVideos = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> playlistCalls = new ConcurrentHashMap<>();
    private final AtomicInteger playlistItemIds = new AtomicInteger();
    private volatile Failure playlistFailure;

    /** An empty playlist on the channel. */
    public void addPlaylist(String playlistId) {
        playlists.put(playlistId, new java.util.ArrayList<>());
    }

    /** A video that exists on YouTube without having been uploaded through this fake. */
    public void addExistingVideo(String videoId) {
        existingVideos.add(videoId);
    }

    /** The playlist's video ids in order. */
    public List<String> playlist(String playlistId) {
        synchronized (playlists) {
            return playlists.get(playlistId).stream().map(item -> item[1]).toList();
        }
    }

    /** How many playlistItems calls of each method ({@code list, insert, update, delete}) were answered. */
    public Map<String, Integer> playlistCalls() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        playlistCalls.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** The next playlistItems call is answered with {@code status} and {@code reason} (e.g. 403 quotaExceeded). */
    public void failNextPlaylistCall(int status, String reason) {
        playlistFailure = new Failure(status, reason);
    }

    private void playlistItems(HttpExchange ex) throws IOException {
        if (!authorized(ex)) {
            return;
        }
        InputStream in = ex.getRequestBody();
        if ("gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
            in = new GZIPInputStream(in);
        }
        byte[] body = in.readAllBytes();
        Failure failure = playlistFailure;
        playlistFailure = null;
        if (failure != null) {
            sendError(ex, failure);
            return;
        }
        Map<String, List<String>> q = FakeGoogleOAuth.params(ex.getRequestURI().getRawQuery());
        String method = switch (ex.getRequestMethod()) {
            case "GET" -> "list";
            case "POST" -> "insert";
            case "PUT" -> "update";
            case "DELETE" -> "delete";
            default -> "";
        };
        if (!method.equals("delete") && !q.getOrDefault("part", List.of()).contains("snippet")) {
            violation(ex, "playlistItems." + method + " needs part=snippet: " + ex.getRequestURI());
            return;
        }
        synchronized (playlists) {
            switch (method) {
                case "list" -> listItems(ex, q);
                case "insert", "update" -> writeItem(ex, method, JSON.readTree(body));
                case "delete" -> deleteItem(ex, q.getOrDefault("id", List.of("")).getFirst());
                default -> violation(ex, "playlistItems does not take " + ex.getRequestMethod());
            }
        }
    }

    private void listItems(HttpExchange ex, Map<String, List<String>> q) throws IOException {
        String playlistId = q.getOrDefault("playlistId", List.of("")).getFirst();
        List<String[]> items = playlists.get(playlistId);
        if (items == null) {
            sendError(ex, new Failure(404, "playlistNotFound"));
            return;
        }
        int max = Integer.parseInt(q.getOrDefault("maxResults", List.of("5")).getFirst());
        int from = q.containsKey("pageToken") ? Integer.parseInt(q.get("pageToken").getFirst().substring(1)) : 0;
        if (max < 0 || max > 50) {
            violation(ex, "maxResults must be 0..50");
            return;
        }
        count("list");
        ObjectNode response = JSON.createObjectNode().put("kind", "youtube#playlistItemListResponse");
        ArrayNode out = response.putArray("items");
        for (int i = from; i < Math.min(items.size(), from + max); i++) {
            ObjectNode snippet = out.addObject().put("kind", "youtube#playlistItem").put("id", items.get(i)[0])
                    .putObject("snippet").put("playlistId", playlistId).put("position", i);
            snippet.putObject("resourceId").put("kind", "youtube#video").put("videoId", items.get(i)[1]);
        }
        if (from + max < items.size()) {
            response.put("nextPageToken", "p" + (from + max));
        }
        response.putObject("pageInfo").put("totalResults", items.size()).put("resultsPerPage", max);
        FakeGoogleOAuth.send(ex, 200, response);
    }

    private void writeItem(HttpExchange ex, String method, JsonNode item) throws IOException {
        JsonNode snippet = item.path("snippet");
        List<String[]> items = playlists.get(snippet.path("playlistId").asText());
        String videoId = snippet.path("resourceId").path("videoId").asText();
        if (items == null) {
            sendError(ex, new Failure(404, "playlistNotFound"));
            return;
        }
        if (!snippet.path("resourceId").path("kind").asText().equals("youtube#video")) {
            violation(ex, "playlistItems." + method + " needs snippet.resourceId.kind youtube#video");
            return;
        }
        if (!videos.containsKey(videoId) && !existingVideos.contains(videoId)) {
            sendError(ex, new Failure(404, "videoNotFound"));
            return;
        }
        String[] entry;
        if (method.equals("update")) {
            entry = items.stream().filter(i -> i[0].equals(item.path("id").asText())).findFirst().orElse(null);
            if (entry == null || !entry[1].equals(videoId)) {
                sendError(ex, new Failure(404, "playlistItemNotFound"));
                return;
            }
            items.remove(entry);
        } else {
            entry = new String[] {"item" + playlistItemIds.incrementAndGet(), videoId};
        }
        int position = snippet.has("position") ? snippet.path("position").asInt() : items.size();
        if (position < 0 || position > items.size()) {
            if (method.equals("update")) {
                items.add(entry);
            }
            sendError(ex, new Failure(400, "invalidPlaylistItemPosition"));
            return;
        }
        items.add(position, entry);
        count(method);
        ObjectNode answer = JSON.createObjectNode().put("kind", "youtube#playlistItem").put("id", entry[0]);
        answer.set("snippet", snippet);
        FakeGoogleOAuth.send(ex, 200, answer);
    }

    private void deleteItem(HttpExchange ex, String itemId) throws IOException {
        for (List<String[]> items : playlists.values()) {
            if (items.removeIf(i -> i[0].equals(itemId))) {
                count("delete");
                ex.sendResponseHeaders(204, -1);
                ex.close();
                return;
            }
        }
        sendError(ex, new Failure(404, "playlistItemNotFound"));
    }

    private void count(String method) {
        playlistCalls.computeIfAbsent(method, k -> new AtomicInteger()).incrementAndGet();
    }

    // ---- end playlistItems -------------------------------------------------------------------

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

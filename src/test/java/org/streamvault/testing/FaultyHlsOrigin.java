package org.streamvault.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.streamvault.segments.SegmentHash;
import org.streamvault.segments.Timestamps;

/**
 * A live HLS origin on loopback that can be told to misbehave, for downloader tests.
 *
 * <p>It serves a sliding window of the last {@link #WINDOW} (or {@link #window(int)}) published segments; segment
 * {@code k} has the bytes of {@code media[k % media.size()]}, starts at
 * {@code epoch + k × 2 s} (every segment carries its own {@code #EXT-X-PROGRAM-DATE-TIME})
 * and is published by {@link #publish} (or a timer, {@link #autoPublish}). Playlists and segments
 * live under a token path {@code /t/<token>/}; the master playlist {@code /master.m3u8} always
 * names the current token. It can also act as Twitch: {@code POST /gql} answers the
 * PlaybackAccessToken query and {@code /api/channel/hls/<channel>.m3u8} (usher) the master
 * playlist, checking the signature and token it handed out.
 *
 * <p>Faults: stall a segment's body, cut it mid-body, expire the token (403 for everything
 * under it), go down (404), garbage/huge/slow playlists, repeated and reordered entries, ad
 * segments, ENDLIST, an enormous segment.
 */
public final class FaultyHlsOrigin implements AutoCloseable {
    public static final int WINDOW = 6;
    public static final String CLIENT_ID = "test-client-id";

    /** How the media playlist misbehaves. */
    public enum PlaylistFault { NONE, GARBAGE, HUGE, SLOW }

    private final List<byte[]> media;
    private final long epochMicros;
    private final HttpServer server;
    private final AtomicInteger published = new AtomicInteger();
    private final AtomicInteger token = new AtomicInteger(1);
    /** Tokens below this answer 403. */
    private final AtomicInteger validFrom = new AtomicInteger(1);
    private final Map<Integer, AtomicInteger> playlistRequestsByToken = new ConcurrentHashMap<>();
    private volatile boolean rotateOnResolve;
    /** Every GQL request's Authorization header ("" when absent), in order. */
    private final List<String> gqlAuthorizations = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Every usher request's supported_codecs parameter ("" when absent), in order. */
    private final List<String> usherCodecs = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Every usher request's Authorization header ("" when absent), in order. */
    private final List<String> usherAuthorizations = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** When set, GQL answers 401 unless the request carries {@code Authorization: OAuth <this>}. */
    private volatile String requiredOAuth;
    private volatile int preRollPolls;
    private final Map<Integer, Duration> stalls = new ConcurrentHashMap<>();
    private final Map<Integer, Duration> everyStall = new ConcurrentHashMap<>();
    private final Map<Integer, Boolean> cuts = new ConcurrentHashMap<>();
    private final Map<Integer, Long> huge = new ConcurrentHashMap<>();
    private final Map<Integer, Boolean> ads = new ConcurrentHashMap<>();
    private final Map<Integer, Duration> slowHeads = new ConcurrentHashMap<>();
    private final Map<Integer, Boolean> failing = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final AtomicLong playlistRequests = new AtomicLong();
    private final AtomicLong downAnswers = new AtomicLong();
    private final AtomicLong skewFrom = new AtomicLong(Long.MAX_VALUE);
    private volatile long skewMicros;
    private volatile byte[] init;
    private volatile boolean down;
    private volatile int window = WINDOW;
    private volatile boolean endList;
    private volatile boolean shuffle;
    private volatile PlaylistFault playlistFault = PlaylistFault.NONE;
    private ScheduledExecutorService publisher;

    private FaultyHlsOrigin(List<byte[]> media, long epochMicros) throws IOException {
        this.media = media;
        this.epochMicros = epochMicros;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** An origin over {@code count} real 2 s TS segments ({@link TestMedia}), times starting at the current hour. */
    public static FaultyHlsOrigin start(int count) throws IOException, InterruptedException {
        List<byte[]> bytes = new ArrayList<>();
        for (Path p : TestMedia.segments(count)) {
            bytes.add(Files.readAllBytes(p));
        }
        return start(bytes, Timestamps.truncateToHour(System.currentTimeMillis() * 1000L));
    }

    /** Like {@link #start(int)}, with segment 0 starting at {@code epochMicros}. */
    public static FaultyHlsOrigin start(int count, long epochMicros) throws IOException, InterruptedException {
        List<byte[]> bytes = new ArrayList<>();
        for (Path p : TestMedia.segments(count)) {
            bytes.add(Files.readAllBytes(p));
        }
        return start(bytes, epochMicros);
    }

    public static FaultyHlsOrigin start(List<byte[]> media, long epochMicros) throws IOException {
        return new FaultyHlsOrigin(List.copyOf(media), epochMicros);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String masterUrl() {
        return baseUrl() + "/master.m3u8";
    }

    /** The media playlist under the current token. */
    public String mediaUrl() {
        return baseUrl() + "/t/" + token.get() + "/media.m3u8";
    }

    public String gqlUrl() {
        return baseUrl() + "/gql";
    }

    // ---- the live timeline ----

    /** Lists only the last {@code segments} published segments from now on (Twitch keeps about 10 s). */
    public void window(int segments) {
        window = segments;
    }

    /** Publishes {@code n} more segments. */
    public void publish(int n) {
        published.addAndGet(n);
    }

    /** Publishes one segment every {@code period} until closed. */
    public synchronized void autoPublish(Duration period) {
        publisher = Executors.newSingleThreadScheduledExecutor();
        publisher.scheduleAtFixedRate(() -> publish(1), 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    public int published() {
        return published.get();
    }

    public long startMicros(int k) {
        return epochMicros + k * 2_000_000L + (k >= skewFrom.get() ? skewMicros : 0);
    }

    public byte[] bytes(int k) {
        return media.get(k % media.size());
    }

    /** The hash a full copy of segment {@code k} must have. */
    public String hash(int k) {
        return SegmentHash.encode(SegmentHash.newDigest().digest(bytes(k)));
    }

    public int requests(int k) {
        AtomicInteger n = requests.get(k);
        return n == null ? 0 : n.get();
    }

    /** Requests answered 404 because the stream was down. */
    public long downAnswers() {
        return downAnswers.get();
    }

    public long playlistRequests() {
        return playlistRequests.get();
    }

    // ---- faults ----

    /** The first request for segment {@code k} sends half, waits {@code d}, then finishes. */
    public void stall(int k, Duration d) {
        stalls.put(k, d);
    }

    /** Every request for segment {@code k} sends half, waits {@code d}, then finishes (no copy is ever timely). */
    public void stallEvery(int k, Duration d) {
        everyStall.put(k, d);
    }

    /** The first request for segment {@code k} waits {@code d} before sending the response head. */
    public void slowHead(int k, Duration d) {
        slowHeads.put(k, d);
    }

    /** Every request for segment {@code k} answers 503. */
    public void failing(int k) {
        failing.put(k, true);
    }

    /** The first request for segment {@code k} announces the full length, sends half and hangs up. */
    public void cut(int k) {
        cuts.put(k, true);
    }

    /** Segment {@code k} is an advertisement (Twitch's {@code Amazon} title). */
    public void ad(int k) {
        ads.put(k, true);
    }

    /** Segment {@code k} is {@code size} bytes of generated data, streamed. */
    public void huge(int k, long size) {
        huge.put(k, size);
    }

    /** Segment {@code k} answers 200 with an empty body. */
    public void empty(int k) {
        huge.put(k, 0L);
    }

    /** Makes the stream "fragmented MP4": an {@code #EXT-X-MAP} init section with these bytes. */
    public void initSection(byte[] bytes) {
        this.init = bytes.clone();
    }

    /** Everything under the current token answers 403 from now on; the master names a new token. */
    public void expireToken() {
        validFrom.set(token.incrementAndGet());
    }

    /**
     * Like Twitch, hand out a fresh token on every master playlist request (older ones stay
     * valid), and show each new token's first {@code adPolls} playlists as nothing but ads
     * (a pre-roll), so a freshly resolved URL has no real segment for a while.
     */
    public void rotateOnResolve(int adPolls) {
        this.preRollPolls = adPolls;
        this.rotateOnResolve = true;
    }

    /** The stream is down (404 everywhere) or back. */
    public void down(boolean isDown) {
        this.down = isDown;
    }

    /** From segment {@code k} on, program-date-times jump by {@code micros} (Twitch's timestamp skew). */
    public void skew(int k, long micros) {
        skewMicros = micros;
        skewFrom.set(k);
    }

    public void endList(boolean ended) {
        this.endList = ended;
    }

    /** Lists each segment twice, newest first. */
    public void shuffle(boolean on) {
        this.shuffle = on;
    }

    public void playlistFault(PlaylistFault fault) {
        this.playlistFault = fault;
    }

    /** The bytes that generated segment {@code k} of {@code size} bytes consists of, hashed. */
    public static String hugeHash(long size) {
        MessageDigest d = SegmentHash.newDigest();
        byte[] chunk = hugeChunk();
        for (long left = size; left > 0; left -= chunk.length) {
            d.update(chunk, 0, (int) Math.min(chunk.length, left));
        }
        return SegmentHash.encode(d.digest());
    }

    // ---- HTTP ----

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (path.equals("/gql")) {
                gql(ex);
            } else if (path.startsWith("/api/channel/hls/")) {
                usher(ex);
            } else if (down) {
                downAnswers.incrementAndGet();
                send(ex, 404, "text/plain", "stream down".getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/loop.m3u8")) {
                // a redirect loop: always points back at itself
                ex.getResponseHeaders().set("Location", baseUrl() + "/loop.m3u8");
                send(ex, 302, "text/plain", new byte[0]);
            } else if (path.equals("/master.m3u8")) {
                send(ex, 200, "application/vnd.apple.mpegurl", master().getBytes(StandardCharsets.UTF_8));
            } else if (path.startsWith("/t/")) {
                tokenPath(ex, path);
            } else {
                send(ex, 404, "text/plain", new byte[0]);
            }
        } catch (IOException e) {
            // the client went away or a fault closed the connection on purpose
        }
    }

    private String master() {
        if (rotateOnResolve) {
            token.incrementAndGet();
        }
        return "#EXTM3U\n#EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID=\"chunked\",NAME=\"360p30 (source)\",AUTOSELECT=YES\n"
                + "#EXT-X-STREAM-INF:BANDWIDTH=600000,RESOLUTION=320x180,VIDEO=\"chunked\"\n"
                + baseUrl() + "/t/" + token.get() + "/media.m3u8\n";
    }

    private void tokenPath(HttpExchange ex, String path) throws IOException {
        String[] parts = path.split("/"); // "", "t", token, file...
        int t;
        try {
            t = parts.length < 4 ? -1 : Integer.parseInt(parts[2]);
        } catch (NumberFormatException e) {
            t = -1;
        }
        if (t < validFrom.get() || t > token.get()) {
            send(ex, 403, "text/plain", "token expired".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (parts[3].equals("init.mp4") && init != null) {
            send(ex, 200, "video/mp4", init);
        } else if (parts[3].equals("media.m3u8")) {
            playlistRequests.incrementAndGet();
            int n = playlistRequestsByToken.computeIfAbsent(t, x -> new AtomicInteger()).incrementAndGet();
            mediaPlaylist(ex, n <= preRollPolls);
        } else if (parts.length == 5 && parts[3].equals("seg") && parts[4].endsWith(".ts")) {
            int k = Integer.parseInt(parts[4].substring(0, parts[4].length() - 3));
            if (k >= published.get()) {
                send(ex, 404, "text/plain", new byte[0]);
                return;
            }
            requests.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet();
            segment(ex, k);
        } else {
            send(ex, 404, "text/plain", new byte[0]);
        }
    }

    private void mediaPlaylist(HttpExchange ex, boolean preRoll) throws IOException {
        switch (playlistFault) {
            case GARBAGE -> send(ex, 200, "text/html", "<html><body>502 Bad Gateway</body></html>\n"
                    .getBytes(StandardCharsets.UTF_8));
            case HUGE -> endless(ex, 0);
            case SLOW -> endless(ex, 200);
            case NONE -> send(ex, 200, "application/vnd.apple.mpegurl",
                    mediaPlaylistText(preRoll).getBytes(StandardCharsets.UTF_8));
        }
    }

    String mediaPlaylistText(boolean allAds) {
        int end = published.get();
        int first = Math.max(0, end - window);
        List<Integer> ks = new ArrayList<>();
        for (int k = first; k < end; k++) {
            ks.add(k);
        }
        if (shuffle) {
            List<Integer> twice = new ArrayList<>(ks);
            twice.addAll(ks);
            Collections.reverse(twice);
            ks = twice;
        }
        StringBuilder sb = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n")
                .append("#EXT-X-MEDIA-SEQUENCE:").append(first).append('\n');
        if (init != null) {
            sb.append("#EXT-X-MAP:URI=\"init.mp4\"\n");
        }
        for (int k : ks) {
            sb.append("#EXT-X-PROGRAM-DATE-TIME:").append(Timestamps.formatIso(startMicros(k))).append("\n");
            sb.append("#EXTINF:2.000,").append(allAds || ads.containsKey(k) ? "Amazon|ad" : "live").append('\n');
            sb.append("seg/").append(k).append(".ts\n");
        }
        if (endList) {
            sb.append("#EXT-X-ENDLIST\n");
        }
        return sb.toString();
    }

    private void segment(HttpExchange ex, int k) throws IOException {
        if (failing.containsKey(k)) {
            send(ex, 503, "text/plain", "busy".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Duration headDelay = requests(k) == 1 ? slowHeads.get(k) : null;
        if (headDelay != null) {
            sleep(headDelay.toMillis());
        }
        Long hugeSize = huge.get(k);
        if (hugeSize != null) {
            ex.getResponseHeaders().set("Content-Type", "video/MP2T");
            ex.sendResponseHeaders(200, hugeSize == 0 ? -1 : hugeSize);
            byte[] chunk = hugeChunk();
            OutputStream out = ex.getResponseBody();
            for (long left = hugeSize; left > 0; left -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
            return;
        }
        byte[] b = bytes(k);
        boolean first = requests(k) == 1;
        ex.getResponseHeaders().set("Content-Type", "video/MP2T");
        ex.sendResponseHeaders(200, b.length);
        OutputStream out = ex.getResponseBody();
        int half = b.length / 2;
        Duration stall = first ? stalls.get(k) : everyStall.get(k);
        if (stall == null) {
            stall = everyStall.get(k);
        }
        if (first && cuts.containsKey(k)) {
            out.write(b, 0, half);
            out.flush();
            return; // closing short of Content-Length drops the connection
        }
        if (stall != null) {
            out.write(b, 0, half);
            out.flush();
            sleep(stall.toMillis());
            out.write(b, half, b.length - half);
        } else {
            out.write(b);
        }
    }

    private void endless(HttpExchange ex, long delayMillis) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/vnd.apple.mpegurl");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        out.write("#EXTM3U\n".getBytes(StandardCharsets.UTF_8));
        byte[] line = "#EXT-X-PADDING:0123456789012345678901234567890123456789012345678901234567890123456789\n"
                .getBytes(StandardCharsets.UTF_8);
        for (long sent = 0; sent < 1L << 30; sent += line.length) {
            out.write(line);
            if (delayMillis > 0) {
                out.flush();
                sleep(delayMillis);
            }
        }
    }

    // ---- the Twitch API shapes ----

    /** From now on GQL answers 401 (as Twitch does for a bad token) unless sent {@code OAuth <token>}. */
    public void requireOAuth(String token) {
        requiredOAuth = token;
    }

    /** The Authorization header of every GQL request so far ("" where there was none). */
    public List<String> gqlAuthorizations() {
        return List.copyOf(gqlAuthorizations);
    }

    /** The {@code supported_codecs} parameter of every usher request so far ("" where absent). */
    public List<String> usherCodecs() {
        return List.copyOf(usherCodecs);
    }

    /** The Authorization header of every usher request so far ("" where there was none). */
    public List<String> usherAuthorizations() {
        return List.copyOf(usherAuthorizations);
    }

    private static String headerOrEmpty(HttpExchange ex, String name) {
        String value = ex.getRequestHeaders().getFirst(name);
        return value == null ? "" : value;
    }

    private void gql(HttpExchange ex) throws IOException {
        String body;
        try (InputStream in = ex.getRequestBody()) {
            body = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        }
        String authorization = headerOrEmpty(ex, "Authorization");
        gqlAuthorizations.add(authorization);
        String required = requiredOAuth;
        if (required != null && !authorization.equals("OAuth " + required)) {
            send(ex, 401, "application/json", "{\"error\":\"Unauthorized\",\"status\":401}"
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (!ex.getRequestMethod().equals("POST") || !CLIENT_ID.equals(ex.getRequestHeaders().getFirst("Client-ID"))
                || !body.contains("\"PlaybackAccessToken\"") || !body.contains("\"login\":\"")) {
            send(ex, 400, "application/json", "{\"error\":\"bad request\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String login = body.replaceAll("(?s).*\"login\":\"([^\"]*)\".*", "$1");
        String value = "{\\\"channel\\\":\\\"" + login + "\\\",\\\"expires\\\":1}";
        String json = "{\"data\":{\"streamPlaybackAccessToken\":{\"value\":\"" + value + "\",\"signature\":\"sig-"
                + login + "\",\"__typename\":\"PlaybackAccessToken\"}}}";
        send(ex, 200, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    private void usher(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String channel = path.substring("/api/channel/hls/".length()).replace(".m3u8", "");
        String query = ex.getRequestURI().getQuery();
        usherAuthorizations.add(headerOrEmpty(ex, "Authorization"));
        usherCodecs.add(query == null ? "" : java.util.Arrays.stream(query.split("&"))
                .filter(p -> p.startsWith("supported_codecs=")).map(p -> p.substring("supported_codecs=".length()))
                .findFirst().orElse(""));
        boolean signed = query != null && query.contains("sig=sig-" + channel + "&")
                && query.contains("token={\"channel\":\"" + channel + "\"");
        if (!signed) {
            send(ex, 403, "application/json", "[{\"error\":\"Unauthorized\"}]".getBytes(StandardCharsets.UTF_8));
        } else if (down) {
            send(ex, 404, "application/json", "[{\"error\":\"Can not find channel\"}]".getBytes(StandardCharsets.UTF_8));
        } else {
            send(ex, 200, "application/vnd.apple.mpegurl", master().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static byte[] hugeChunk() {
        byte[] chunk = new byte[64 * 1024];
        new Random(42).nextBytes(chunk);
        return chunk;
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        if (publisher != null) {
            publisher.shutdownNow();
        }
        server.stop(0);
    }
}

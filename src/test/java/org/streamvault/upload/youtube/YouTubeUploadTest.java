package org.streamvault.upload.youtube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.streamvault.testing.FakeYouTube;
import org.streamvault.testing.FakeYouTube.FakeVideo;
import org.streamvault.testing.TestNode;
import org.streamvault.upload.UploadBackend.Finalizer;
import org.streamvault.upload.UploadCancelledException;
import org.streamvault.upload.UploadException;
import org.streamvault.upload.UploadException.Kind;
import org.streamvault.upload.UploadRequest;
import org.streamvault.upload.UploadResult;
import org.streamvault.upload.VideoSource;

/** Uploads through the real Google client against {@link FakeYouTube}: chunks, finalizing, every failure class. */
class YouTubeUploadTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK = 256 * 1024;
    /** Four full chunks and a partial fifth. */
    private static final int SIZE = 4 * CHUNK + 251_424;

    @TempDir
    Path dir;
    private FakeYouTube fake;
    private Path credentials;
    private final AtomicInteger finalizeCalls = new AtomicInteger();

    @BeforeEach
    void startFake() throws IOException {
        fake = new FakeYouTube();
        credentials = fake.writeCredentials(dir.resolve("youtube-credentials.json"));
    }

    @AfterEach
    void stopFake() {
        fake.close();
        assertThat(fake.violations()).isEmpty();
    }

    @Test
    void uploadsInChunksAndFinalizesJustBeforeTheLastOne() throws Exception {
        byte[] video = randomBytes(SIZE);
        AtomicLong pendingAtFinalize = new AtomicLong(-1);
        AtomicInteger videosAtFinalize = new AtomicInteger(-1);
        Finalizer finalizer = () -> {
            finalizeCalls.incrementAndGet();
            pendingAtFinalize.set(fake.pendingBytes());
            videosAtFinalize.set(fake.videos().size());
        };
        UploadRequest request = new UploadRequest(UUID.randomUUID().toString(), "Day 3 | The bridge", "Cut from the stream.\nGG",
                List.of("speedrun", "bridge"), true, "video/MP2T", "ts");

        UploadResult result = backend(settings()).upload(request, streaming(video), finalizer);

        assertThat(finalizeCalls).hasValue(1);
        assertThat(pendingAtFinalize).as("every chunk but the last acknowledged").hasValue(4L * CHUNK);
        assertThat(videosAtFinalize).as("no video before finalizing").hasValue(0);
        FakeVideo uploaded = fake.videos().get(result.videoId());
        assertThat(uploaded).isNotNull();
        assertThat(uploaded.body()).isEqualTo(video);
        assertThat(uploaded.contentType()).isEqualTo("video/MP2T");
        JsonNode snippet = uploaded.resource().path("snippet");
        assertThat(snippet.path("title").asText()).isEqualTo("Day 3 | The bridge");
        assertThat(snippet.path("description").asText()).isEqualTo("Cut from the stream.\nGG");
        assertThat(snippet.path("tags")).containsExactly(JSON.valueToTree("speedrun"), JSON.valueToTree("bridge"));
        assertThat(snippet.path("categoryId").asText()).isEqualTo("20");
        assertThat(snippet.path("defaultLanguage").asText()).isEqualTo("de");
        assertThat(snippet.path("defaultAudioLanguage").asText()).isEqualTo("de");
        assertThat(uploaded.resource().path("status").path("privacyStatus").asText()).isEqualTo("public");
        assertThat(result.videoLink()).isEqualTo("https://youtu.be/" + result.videoId());
        assertThat(result.needsTranscoding()).isTrue();
        assertThat(fake.sessionsOpened()).isEqualTo(1);
    }

    @Test
    void spooledFileOfWholeChunksAnnouncesItsLengthAndArrivesIntact() throws Exception {
        byte[] video = randomBytes(2 * CHUNK);
        Path file = Files.write(dir.resolve("cut.mp4"), video);
        VideoSource spooled = new VideoSource() {
            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }

            @Override
            public long length() {
                return video.length;
            }
        };
        ObjectNode hidden = settings().put("hidden", true);
        UploadRequest request = new UploadRequest(UUID.randomUUID().toString(), "t", "d", List.of(), true, "video/mp4", "mp4");

        UploadResult result = backend(hidden).upload(request, spooled, counting());

        FakeVideo uploaded = fake.videos().get(result.videoId());
        assertThat(uploaded.body()).isEqualTo(video);
        assertThat(uploaded.resource().path("status").path("privacyStatus").asText()).isEqualTo("unlisted");
        assertThat(uploaded.resource().path("snippet").has("tags")).isFalse();
        assertThat(finalizeCalls).hasValue(1);
    }

    @Test
    void nonPublicRequestOnPublicLocationIsUnlisted() throws Exception {
        UploadRequest request = new UploadRequest(UUID.randomUUID().toString(), "t", "d", List.of(), false, "video/MP2T", "ts");
        UploadResult result = backend(settings()).upload(request, streaming(randomBytes(1000)), counting());
        assertThat(fake.videos().get(result.videoId()).resource().path("status").path("privacyStatus").asText())
                .isEqualTo("unlisted");
    }

    @Test
    void refusedCreateIsNonRetryableAndNeitherCutsNorCreates() throws Exception {
        fake.failCreate(400, "invalidTitle");
        AtomicInteger opened = new AtomicInteger();
        VideoSource source = () -> {
            opened.incrementAndGet();
            return new ByteArrayInputStream(randomBytes(SIZE));
        };

        UploadException e = uploadFailing(source, counting());

        assertThat(e.kind()).isEqualTo(Kind.NON_RETRYABLE);
        assertThat(e.getMessage()).contains("400").contains("invalidTitle").doesNotContain("\n");
        assertThat(opened).as("the cut never started").hasValue(0);
        assertThat(finalizeCalls).hasValue(0);
        assertThat(fake.videos()).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({"503, backendError, RETRYABLE", "500, internalError, RETRYABLE", "429, rateLimitExceeded, RETRYABLE",
        "403, rateLimitExceeded, RETRYABLE", "403, quotaExceeded, NON_RETRYABLE", "403, forbidden, NON_RETRYABLE",
        "401, authError, NON_RETRYABLE", "404, notFound, NON_RETRYABLE"})
    void failedCreateIsClassifiedByStatusAndReason(int status, String reason, Kind kind) throws Exception {
        fake.failCreate(status, reason);
        UploadException e = uploadFailing(streaming(randomBytes(SIZE)), counting());
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.getMessage()).contains(Integer.toString(status)).doesNotContain("\n");
        if (reason.equals("quotaExceeded")) {
            assertThat(e.getMessage()).contains("quota resets");
        }
        assertThat(fake.videos()).isEmpty();
        assertThat(finalizeCalls).hasValue(0);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({"503, backendError, RETRYABLE", "404, notFound, RETRYABLE", "400, badRequest, NON_RETRYABLE"})
    void failedMiddleChunkCreatesNothing(int status, String reason, Kind kind) throws Exception {
        fake.failChunk(2, status, reason);
        UploadException e = uploadFailing(streaming(randomBytes(SIZE)), counting());
        assertThat(e.kind()).as("404 on a chunk: the session expired, a new one will do").isEqualTo(kind);
        assertThat(finalizeCalls).hasValue(0);
        assertThat(fake.videos()).isEmpty();
    }

    @Test
    void serverErrorAnsweringTheLastChunkIsUnknownOutcome() throws Exception {
        fake.failFinalChunk(503);
        UploadException e = uploadFailing(streaming(randomBytes(SIZE)), counting());
        assertThat(e.kind()).isEqualTo(Kind.UNKNOWN_OUTCOME);
        assertThat(e.getMessage()).contains("may exist").contains("503");
        assertThat(finalizeCalls).hasValue(1);
        assertThat(fake.videos()).as("why the outcome is unknown: the video does exist").hasSize(1);
    }

    @Test
    void refusingFinalizerAbandonsTheUploadBeforeItsLastChunk() throws Exception {
        Finalizer refusing = () -> {
            finalizeCalls.incrementAndGet();
            throw new UploadCancelledException("row changed under the cutter");
        };
        UploadException e = uploadFailing(streaming(randomBytes(SIZE)), refusing);
        assertThat(e.kind()).isEqualTo(Kind.NON_RETRYABLE);
        assertThat(e.getCause()).isInstanceOf(UploadCancelledException.class);
        assertThat(finalizeCalls).hasValue(1);
        assertThat(fake.videos()).isEmpty();
        assertThat(fake.pendingBytes()).as("the last chunk was never sent").isEqualTo(4L * CHUNK);
    }

    @Test
    void cutFailingMidStreamIsNonRetryableAndNeverFinalizes() throws Exception {
        VideoSource failing = () -> new FilterInputStream(new ByteArrayInputStream(randomBytes(SIZE))) {
            private int read;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read > 2 * CHUNK) {
                    throw new IOException("ffmpeg exited with status 1");
                }
                int n = super.read(b, off, len);
                read += Math.max(n, 0);
                return n;
            }
        };
        UploadException e = uploadFailing(failing, counting());
        assertThat(e.kind()).isEqualTo(Kind.NON_RETRYABLE);
        assertThat(e.getMessage()).contains("ffmpeg exited with status 1");
        assertThat(finalizeCalls).hasValue(0);
        assertThat(fake.videos()).isEmpty();
    }

    @Test
    void cutFailingWhenClosedAtItsEndIsNonRetryableAndNeverFinalizes() throws Exception {
        VideoSource failsOnClose = () -> new FilterInputStream(new ByteArrayInputStream(randomBytes(SIZE))) {
            @Override
            public void close() throws IOException {
                throw new IOException("ffmpeg exited with status 187");
            }
        };
        UploadException e = uploadFailing(failsOnClose, counting());
        assertThat(e.kind()).isEqualTo(Kind.NON_RETRYABLE);
        assertThat(e.getMessage()).contains("status 187");
        assertThat(finalizeCalls).hasValue(0);
        assertThat(fake.videos()).isEmpty();
    }

    @Test
    void revokedRefreshTokenIsNonRetryable() throws Exception {
        Files.writeString(credentials, Files.readString(credentials).replace(FakeYouTube.REFRESH_TOKEN, "revoked"));
        UploadException e = uploadFailing(streaming(randomBytes(1000)), counting());
        assertThat(e.kind()).isEqualTo(Kind.NON_RETRYABLE);
        assertThat(e.getMessage()).contains("credentials");
        assertThat(fake.sessionsOpened()).isZero();
    }

    @Test
    void unreachableApiIsRetryable() throws Exception {
        ObjectNode s = settings().put("api_root_url", "http://127.0.0.1:" + TestNode.freePort() + "/");
        UploadRequest request = new UploadRequest(UUID.randomUUID().toString(), "t", "d", List.of(), true, "video/MP2T", "ts");
        UploadException e = catchThrowableOfType(UploadException.class,
                () -> backend(s).upload(request, streaming(randomBytes(1000)), counting()));
        assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(e.getMessage()).contains("unreachable");
        assertThat(finalizeCalls).hasValue(0);
    }

    private UploadException uploadFailing(VideoSource source, Finalizer finalizer) {
        UploadRequest request = new UploadRequest(UUID.randomUUID().toString(), "t", "d", List.of("x"), true, "video/MP2T", "ts");
        return catchThrowableOfType(UploadException.class, () -> backend(settings()).upload(request, source, finalizer));
    }

    private Finalizer counting() {
        return finalizeCalls::incrementAndGet;
    }

    private ObjectNode settings() {
        return JSON.createObjectNode().put("type", "youtube").put("category_id", 20).put("language", "de")
                .put("chunk_size", CHUNK).put("api_root_url", fake.rootUrl()).put("token_url", fake.tokenUrl());
    }

    private YouTubeBackend backend(JsonNode settings) {
        return YouTubeBackend.fromSettings("yt", settings, credentials);
    }

    /** A video of unknown length arriving in uneven pieces, as from a running ffmpeg. */
    static VideoSource streaming(byte[] video) {
        return () -> new FilterInputStream(new ByteArrayInputStream(video)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 65_000));
            }
        };
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }
}

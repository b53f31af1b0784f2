package org.streamvault.upload.youtube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.testing.FakeYouTube;
import org.streamvault.upload.TranscodeCheck;
import org.streamvault.upload.UploadException;
import org.streamvault.upload.UploadException.Kind;
import org.streamvault.upload.UploadRequest;

/** {@code checkTranscoding(...)}: which uploaded videos YouTube has finished processing, and which it never will. */
class YouTubeTranscodeCheckTest {
    @TempDir
    Path dir;
    private FakeYouTube fake;
    private YouTubeBackend backend;

    @BeforeEach
    void start() throws IOException {
        fake = new FakeYouTube();
        Path credentials = fake.writeCredentials(dir.resolve("creds.json"));
        backend = YouTubeBackend.fromSettings("yt", new ObjectMapper().createObjectNode()
                .put("api_root_url", fake.rootUrl()).put("token_url", fake.tokenUrl()), credentials);
    }

    @AfterEach
    void stop() {
        fake.close();
        assertThat(fake.violations()).isEmpty();
    }

    @Test
    void videosAreDoneOnlyOnceProcessed() throws Exception {
        String first = upload();
        String second = upload();
        assertThat(backend.needsTranscodeCheck()).isTrue();

        TranscodeCheck none = backend.checkTranscoding(List.of(first, second));
        assertThat(none.done()).isEmpty();
        assertThat(none.failed()).isEmpty();
        fake.markProcessed(first);
        assertThat(backend.checkTranscoding(List.of(first, second)).done()).containsExactly(first);
        fake.markProcessed(second);
        assertThat(backend.checkTranscoding(List.of(first, second)).done()).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void failedRejectedAndUnknownVideosComeBackWithTheirReasons() throws Exception {
        String failed = upload();
        String rejected = upload();
        String deleted = upload();
        String processing = upload();
        fake.markFailed(failed, "failed", "codec");
        fake.markFailed(rejected, "rejected", "duplicate");
        fake.delete(deleted);

        TranscodeCheck check = backend.checkTranscoding(List.of(failed, rejected, deleted, processing));
        assertThat(check.done()).isEmpty();
        assertThat(check.failed()).containsOnlyKeys(failed, rejected, deleted);
        assertThat(check.failed().get(failed)).contains("upload status failed (codec)");
        assertThat(check.failed().get(rejected)).contains("upload status rejected (duplicate)");
        assertThat(check.failed().get(deleted)).contains("does not know video " + deleted);
    }

    @Test
    void manyIdsAreAskedAboutFiftyAtATime() throws Exception {
        String real = upload();
        fake.markProcessed(real);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            ids.add("missing" + i);
        }
        ids.add(real);
        assertThat(backend.checkTranscoding(ids).done()).containsExactly(real);
        assertThat(fake.listSizes()).containsExactlyInAnyOrder(50, 50, 21);
    }

    @Test
    void serverErrorIsRetryable() throws Exception {
        String id = upload();
        fake.failList(503);
        UploadException e = catchThrowableOfType(UploadException.class, () -> backend.checkTranscoding(List.of(id)));
        assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
    }

    private String upload() throws UploadException {
        UploadRequest request = new UploadRequest(UUID.randomUUID().toString(), "t", "d", List.of(), true, "video/MP2T", "ts");
        return backend.upload(request, YouTubeUploadTest.streaming(YouTubeUploadTest.randomBytes(5000)), () -> { })
                .videoId();
    }
}

package org.streamvault.upload.youtube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.testing.FakeYouTube;
import org.streamvault.upload.UploadException;
import org.streamvault.upload.UploadRequest;
import org.streamvault.upload.VideoUpdate;

/**
 * {@code videos.update} through Google's client against {@link FakeYouTube}, which replaces each
 * named part whole as YouTube does: only title, description, tags and privacy may change, and
 * what YouTube or the channel owner set survives because the backend sends it back.
 */
class YouTubeUpdateTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private FakeYouTube fake;
    private YouTubeBackend backend;
    private String videoId;

    @BeforeEach
    void uploadOne() throws Exception {
        fake = new FakeYouTube();
        Path credentials = fake.writeCredentials(dir.resolve("youtube-credentials.json"));
        backend = YouTubeBackend.fromSettings("yt", JSON.createObjectNode().put("type", "youtube")
                .put("category_id", 20).put("language", "de").put("api_root_url", fake.rootUrl())
                .put("token_url", fake.tokenUrl()), credentials);
        videoId = backend.upload(new UploadRequest("ev-1", "Day 3 | The brigde", "Cut from the stream.", List.of("bus"),
                true, "video/MP2T", "ts"), () -> new ByteArrayInputStream(new byte[1000]), () -> {
                }).videoId();
    }

    @AfterEach
    void stopFake() {
        fake.close();
        assertThat(fake.violations()).isEmpty();
    }

    JsonNode video() {
        return fake.videos().get(videoId).resource();
    }

    @Test
    void changesOnlyOurFieldsAndKeepsWhatYouTubeAndTheOwnerSet() throws Exception {
        fake.ownerSets(videoId, "status", "embeddable", false);
        fake.ownerSets(videoId, "snippet", "categoryId", "27"); // the owner moved it to Education
        fake.ownerSets(videoId, "status", "selfDeclaredMadeForKids", false);
        backend.update(new VideoUpdate("ev-1", videoId, "Day 3 | The bridge", "Cut from the stream, fixed.",
                List.of("bus", "bridge"), false));
        assertThat(fake.updated()).containsExactly(videoId);
        JsonNode v = video();
        assertThat(v.at("/snippet/title").asText()).isEqualTo("Day 3 | The bridge");
        assertThat(v.at("/snippet/description").asText()).isEqualTo("Cut from the stream, fixed.");
        assertThat(v.at("/snippet/tags").toString()).isEqualTo("[\"bus\",\"bridge\"]");
        assertThat(v.at("/status/privacyStatus").asText()).isEqualTo("unlisted");
        // kept: set by the owner, by the upload, or by YouTube
        assertThat(v.at("/snippet/categoryId").asText()).isEqualTo("27");
        assertThat(v.at("/snippet/defaultLanguage").asText()).isEqualTo("de");
        assertThat(v.at("/status/embeddable").asBoolean(true)).isFalse();
        assertThat(v.at("/status/selfDeclaredMadeForKids").isBoolean()).isTrue();
        assertThat(v.at("/status/license").asText()).isEqualTo("youtube");
        assertThat(v.at("/snippet/channelId").asText()).isEqualTo("UCfake");
        assertThat(v.at("/snippet/publishedAt").asText()).isEqualTo("2026-11-20T15:00:00Z");

        backend.update(new VideoUpdate("ev-1", videoId, "Day 3 | The bridge", "d", List.of(), true));
        assertThat(video().at("/status/privacyStatus").asText()).isEqualTo("public");
        assertThat(video().at("/snippet/tags").isMissingNode()).isTrue();
    }

    @Test
    void failuresAreClassified() {
        fake.failUpdate(503, "backendError");
        assertThatThrownBy(() -> backend.update(update())).isInstanceOfSatisfying(UploadException.class,
                e -> assertThat(e.kind()).isEqualTo(UploadException.Kind.RETRYABLE));
        fake.failUpdate(403, "rateLimitExceeded");
        assertThatThrownBy(() -> backend.update(update())).isInstanceOfSatisfying(UploadException.class,
                e -> assertThat(e.kind()).isEqualTo(UploadException.Kind.RETRYABLE));
        fake.failUpdate(403, "forbidden");
        assertThatThrownBy(() -> backend.update(update())).isInstanceOfSatisfying(UploadException.class,
                e -> assertThat(e.kind()).isEqualTo(UploadException.Kind.NON_RETRYABLE));
        fake.acceptUpdates();
        fake.delete(videoId);
        assertThatThrownBy(() -> backend.update(update())).isInstanceOfSatisfying(UploadException.class, e -> {
            assertThat(e.kind()).isEqualTo(UploadException.Kind.NON_RETRYABLE);
            assertThat(e.getMessage()).contains("does not know video " + videoId);
        });
        assertThat(fake.updated()).isEmpty();
    }

    private VideoUpdate update() {
        return new VideoUpdate("ev-1", videoId, "t", "d", List.of(), true);
    }
}

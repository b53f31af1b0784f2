package org.streamvault.upload.youtube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A youtube location's JSON settings and credentials file: defaults, privacy rules, one-line mistakes. */
class YouTubeSettingsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path NODE_CREDENTIALS = Path.of("/etc/streamvault/youtube.json");

    @TempDir
    Path dir;

    @Test
    void defaultsNeedNothingButCredentials() throws Exception {
        YouTubeSettings s = YouTubeSettings.parse("yt", json("{\"type\": \"youtube\", \"cut_type\": \"full\"}"),
                NODE_CREDENTIALS);
        assertThat(s.privacy()).isEqualTo("public");
        assertThat(s.categoryId()).isEqualTo("22");
        assertThat(s.language()).isEqualTo("en");
        assertThat(s.chunkSize()).isEqualTo(8 * 1024 * 1024);
        assertThat(s.apiRootUrl()).isEqualTo("https://www.googleapis.com/");
        assertThat(s.tokenUrl()).isEqualTo(URI.create("https://oauth2.googleapis.com/token"));
        assertThat(s.credentialsFile()).isEqualTo(NODE_CREDENTIALS);
    }

    @ParameterizedTest(name = "{0}, request public={1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "{}                                    | true  | public",
        "{}                                    | false | unlisted",
        "{\"hidden\": true}                    | true  | unlisted",
        "{\"hidden\": false}                   | true  | public",
        "{\"privacy\": \"private\"}            | true  | private",
        "{\"privacy\": \"private\"}            | false | private",
        "{\"privacy\": \"unlisted\"}           | true  | unlisted",
        "{\"hidden\": true, \"privacy\": \"private\"} | true | private"})
    void privacyComesFromTheLocationAndARequestCanOnlyLowerIt(String settings, boolean isPublic, String expected)
            throws Exception {
        assertThat(YouTubeSettings.parse("yt", json(settings), NODE_CREDENTIALS).privacyFor(isPublic))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"privacy\": \"secret\"}                | \"privacy\" must be public, unlisted or private",
        "{\"privacy\": \"public\", \"hidden\": true} | contradicts",
        "{\"hidden\": \"yes\"}                    | \"hidden\" must be true or false",
        "{\"category_id\": \"Gaming\"}            | \"category_id\" must be a YouTube category number",
        "{\"chunk_size\": 1000}                   | \"chunk_size\" must be a positive multiple of 262144",
        "{\"chunk_size\": \"8M\"}                 | \"chunk_size\" must be a number of bytes",
        "{\"language\": 7}                        | \"language\" must be a non-empty string",
        "{\"token_url\": \"not a url\"}           | \"token_url\" must be an http(s) URL",
        "{\"api_root_url\": \"file:/etc/\"}       | \"api_root_url\" must be an http(s) URL"})
    void mistakesAreOneLineNamingLocationAndKey(String settings, String message) {
        assertThatThrownBy(() -> YouTubeSettings.parse("yt", json(settings), NODE_CREDENTIALS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("upload location 'yt'")
                .hasMessageContaining(message)
                .message().doesNotContain("\n");
    }

    @Test
    void credentialsComeFromTheLocationOrTheNode() throws Exception {
        assertThat(YouTubeSettings.parse("yt", json("{\"credentials_file\": \"/srv/other.json\"}"), NODE_CREDENTIALS)
                .credentialsFile()).isEqualTo(Path.of("/srv/other.json"));
        assertThatThrownBy(() -> YouTubeSettings.parse("yt", json("{}"), null))
                .hasMessage("upload location 'yt' (youtube) needs credentials: set"
                        + " streamvault.cutter.credentials-file or \"credentials_file\"");
    }

    @Test
    void credentialsFileMustBeReadableAndComplete() throws IOException {
        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> YouTubeBackend.fromSettings("yt", json("{}"), missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("YouTube credentials file " + missing + " cannot be read");
        Path partial = Files.writeString(dir.resolve("partial.json"),
                "{\"client_id\": \"id\", \"client_secret\": \"secret\"}");
        assertThatThrownBy(() -> YouTubeBackend.fromSettings("yt", json("{}"), partial))
                .hasMessage("YouTube credentials file " + partial + " needs \"refresh_token\"");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"client_id\": ");
        assertThatThrownBy(() -> YouTubeBackend.fromSettings("yt", json("{}"), broken))
                .hasMessageContaining("cannot be read").message().doesNotContain("\n");
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }
}

package org.streamvault.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The credentials file: its syntax, basic and bearer checks, and re-reading it when it changes. */
class ManagementCredentialsTest {
    private static final String SECRET = "Zx8q2LkV0pR7sT4uW1yA3cE6gI9mO5nB";

    @TempDir
    Path dir;

    private final AtomicLong nanos = new AtomicLong();

    private static String line(String name, String secret) {
        return name + " sha256:" + HexFormat.of().formatHex(ManagementCredentials.sha256(secret));
    }

    private static String basic(String name, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private ManagementCredentials load(String... lines) throws Exception {
        Path file = dir.resolve("credentials");
        Files.write(file, List.of(lines));
        return new ManagementCredentials(file, nanos::get);
    }

    @Test
    void basicAndBearerPresentTheSameSecret() throws Exception {
        ManagementCredentials c = load("# operators", "", line("hawtio", SECRET), line("ops", "other-secret-0123456789"));
        assertThat(c.authenticate(basic("hawtio", SECRET))).contains("hawtio");
        assertThat(c.authenticate("Bearer " + SECRET)).contains("hawtio");
        assertThat(c.authenticate("bearer   other-secret-0123456789")).contains("ops");
        assertThat(c.names()).containsExactly("hawtio", "ops");
    }

    @Test
    void aSecretOnlyCountsWithItsOwnName() throws Exception {
        ManagementCredentials c = load(line("hawtio", SECRET), line("ops", "other-secret-0123456789"));
        assertThat(c.authenticate(basic("ops", SECRET))).isEmpty();
        assertThat(c.authenticate(basic("hawtio", SECRET + " "))).isEmpty();
        assertThat(c.authenticate(basic("hawtio", ""))).isEmpty();
    }

    @Test
    void malformedHeadersAreRefusedQuietly() throws Exception {
        ManagementCredentials c = load(line("hawtio", SECRET));
        for (String header : new String[] {null, "", "Basic", "Basic !!!", "Basic "
                + Base64.getEncoder().encodeToString("no-colon".getBytes(StandardCharsets.UTF_8)), "Bearer",
                "Digest username=hawtio", SECRET}) {
            assertThat(c.authenticate(header)).as(String.valueOf(header)).isEmpty();
        }
    }

    @Test
    void aMalformedLineIsNamedByNumberWithoutQuotingIt() {
        assertThatThrownBy(() -> load("# ok", line("hawtio", SECRET), "ops " + SECRET))
                .isInstanceOf(ManagementCredentials.CredentialsFileException.class)
                .hasMessageContaining("line 3").hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> load("ops sha256:abc")).hasMessageContaining("line 1");
    }

    @Test
    void aFileWithoutCredentialsOrMissingIsAnError() throws Exception {
        assertThatThrownBy(() -> load("# nothing yet")).hasMessageContaining("no credential line");
        assertThatThrownBy(() -> new ManagementCredentials(dir.resolve("absent"), nanos::get))
                .hasMessageContaining("cannot be read");
    }

    @Test
    void aChangedFileIsReadAgainAndABrokenOneRefusesEveryone() throws Exception {
        ManagementCredentials c = load(line("hawtio", SECRET));
        Path file = dir.resolve("credentials");
        Files.write(file, List.of(line("ops", "rotated-secret-0123456789")));
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        // looked at no more than once a second
        assertThat(c.authenticate(basic("hawtio", SECRET))).contains("hawtio");
        nanos.addAndGet(1_500_000_000L);
        assertThat(c.authenticate(basic("hawtio", SECRET))).isEmpty();
        assertThat(c.authenticate(basic("ops", "rotated-secret-0123456789"))).contains("ops");

        Files.writeString(file, "ops rotated-secret-0123456789\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 10000));
        nanos.addAndGet(1_500_000_000L);
        assertThat(c.authenticate(basic("ops", "rotated-secret-0123456789"))).isEmpty();
        assertThat(c.problem()).contains("line 1").doesNotContain("rotated-secret");

        Files.write(file, List.of(line("ops", "rotated-secret-0123456789")));
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 15000));
        nanos.addAndGet(1_500_000_000L);
        assertThat(c.authenticate(basic("ops", "rotated-secret-0123456789"))).contains("ops");
        assertThat(c.problem()).isNull();
    }
}

package org.streamvault.upload.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.upload.UploadRequest;
import org.streamvault.upload.UploadResult;

/**
 * Row ids are any text now (wubloader's sheet ids, or whatever a database holds): the local
 * backend's file names must stay inside its folder whatever the id says.
 */
class LocalBackendIdsTest {
    @TempDir
    Path dir;

    @Test
    void anIdWithSlashesOrDotsNamesAFileInTheFolder() throws Exception {
        Path folder = dir.resolve("clips");
        LocalBackend local = new LocalBackend(folder, "", true);
        UploadResult result = local.upload(new UploadRequest("../../escape/..\\x", "Title", "d", List.of(), true,
                "video/MP2T", "ts"), () -> new ByteArrayInputStream(new byte[] {1, 2, 3}), () -> {
                });
        assertThat(result.videoId()).isEqualTo("Title [______escape____x].ts");
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList())
                    .containsExactly("clips/Title [______escape____x].json", "clips/Title [______escape____x].ts");
        }
        assertThat(LocalBackend.safeId("rec0Ab_-9")).isEqualTo("rec0Ab_-9");
        assertThat(LocalBackend.safeId("")).isEqualTo("_");
    }
}

package org.streamvault.restream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.ProcessWatch;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestMedia;
import org.streamvault.testing.TestNode;

/** A cut that ffmpeg cannot make says why, with a 500, instead of a 200 with an empty video. */
class CutFailureTest {
    @TempDir
    static Path dir;
    static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        StoreBuilder builder = new StoreBuilder(dir.resolve("store"), "chan", "src");
        builder.addMedia(Timestamps.parseUtc("2026-11-20T14:00:00"), 4, "2.000");
        node = TestNode.start(dir.resolve("store"), "streamvault.cut.temp-dir", dir.resolve("tmp").toString(),
                "streamvault.cut.mp4-args", "-c:v no-such-encoder");
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    @Test
    void ffmpegFailureBeforeTheFirstByteIs500WithFfmpegsReason() throws Exception {
        HttpResponse<String> r = node.get("/cut/chan/src.mp4?start=2026-11-20T14:00:01&end=2026-11-20T14:00:05");

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(r.body()).startsWith("cut failed: ffmpeg failed (exit ").contains("no-such-encoder");
        ProcessWatch.awaitEmpty(dir.resolve("tmp"));
    }
}

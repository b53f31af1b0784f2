package org.streamvault.restream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.Await;
import org.streamvault.testing.MediaProbe;
import org.streamvault.testing.ProcessWatch;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestMedia;
import org.streamvault.testing.LongRecording;
import org.streamvault.testing.TestNode;

/** {@code GET /cut/...} on a real node over real segments: parameters, refusals, bodies, disconnects. */
class CutRouteTest {
    private static final double FRAME = 1.0 / TestMedia.FPS;
    private static final String BASE = "/cut/chan/src";

    @TempDir
    static Path dir;
    static Path tmp;
    static TestNode node;
    static List<Path> stored;

    /** 30 segments of 2 s from 14:00:00, the one at 14:00:40 missing (a hole from 40 s to 42 s). */
    @BeforeAll
    static void start() throws Exception {
        StoreBuilder builder = new StoreBuilder(dir.resolve("store"), "chan", "src");
        List<Path> media = TestMedia.segments(30);
        long t0 = Timestamps.parseUtc("2026-11-20T14:00:00");
        stored = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            if (i != 20) {
                stored.add(builder.addFile(t0 + i * 2_000_000L, "2.000", media.get(i)));
            }
        }
        tmp = dir.resolve("cut-tmp");
        node = TestNode.start(dir.resolve("store"), "streamvault.cut.temp-dir", tmp.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    private static String at(String secondsAfter1400) {
        return "2026-11-20T14:00:" + secondsAfter1400;
    }

    private Path save(HttpResponse<byte[]> response, String name) throws Exception {
        return Files.write(dir.resolve(name), response.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "?start=2026-11-20T14:00:02", "?end=2026-11-20T14:00:09", "?start=yesterday&end=2026-11-20T14:00:09",
        "?start=2026-11-20T14:00:09&end=2026-11-20T14:00:02", "?start=2026-11-20T14:00:02&end=2026-11-20T14:00:09&type=slow",
        "?start=2026-11-20T14:00:02&end=2026-11-20T14:00:09&type=mp4",
        "?start=2026-11-20T14:00:02&end=2026-11-20T14:00:09&allow_holes=yes",
        "?start=2026-11-20T14:00:02&end=2026-11-20T14:00:09&allow_holes=",
        "?start=2026-11-20T14:00:02&end=2026-11-20T14:00:09&allow_holes=TRUE",
        "?start=2026-11-20T14:00:02&end=2026-11-20T14:00:09&type=FAST",
        "?range=2026-11-20T14:00:02", "?range=2026-11-20T14:00:02,2026-11-20T14:00:09,2026-11-20T14:00:10",
        "?range=2026-11-20T14:00:02,2026-11-20T14:00:09&start=2026-11-20T14:00:02",
        "?start=2026-11-20T14:00:02&start=2026-11-20T14:00:03&end=2026-11-20T14:00:09",
    })
    void badParametersAre400WithAReason(String query) throws Exception {
        HttpResponse<String> r = node.get(BASE + ".ts" + query);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).isNotBlank().doesNotContain("Exception");
    }

    @Test
    void mp4PathServesOnlyMp4() throws Exception {
        HttpResponse<String> r = node.get(BASE + ".mp4?start=" + at("02") + "&end=" + at("09") + "&type=smart");

        assertThat(r.statusCode()).isEqualTo(400);
    }

    @Test
    void hiddenChannelNameIs403() throws Exception {
        assertThat(node.get("/cut/.chan/src.ts?start=" + at("02") + "&end=" + at("09")).statusCode()).isEqualTo(403);
    }

    @Test
    void unknownQualityIs404() throws Exception {
        assertThat(node.get("/cut/chan/nope.ts?start=" + at("02") + "&end=" + at("09")).statusCode()).isEqualTo(404);
    }

    @Test
    void holeWithoutAllowHolesIs406() throws Exception {
        HttpResponse<String> r = node.get(BASE + ".ts?start=" + at("38") + "&end=" + at("44"));

        assertThat(r.statusCode()).isEqualTo(406);
        assertThat(r.body()).contains("allow_holes=true");
    }

    @Test
    void rangeWithNoSegmentsIs406EvenWithAllowHoles() throws Exception {
        HttpResponse<String> r = node.get(BASE + ".ts?start=2026-11-20T16:00:00&end=2026-11-20T16:01:00&allow_holes=true");

        assertThat(r.statusCode()).isEqualTo(406);
    }

    @Test
    void roughCutIsTheCoveringSegmentsByteForByte() throws Exception {
        HttpResponse<byte[]> r = node.getBytes(BASE + ".ts?type=rough&start=" + at("02.5") + "&end=" + at("09.2"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("video/MP2T");
        assertThat(r.body()).isEqualTo(LongRecording.concatenated(stored.subList(1, 5)));
    }

    @Test
    void cutsAreCountedInMetricsByTypeAndOutcome() throws Exception {
        double before = roughBytesCounted();
        HttpResponse<byte[]> r = node.getBytes(BASE + ".ts?type=rough&start=" + at("02") + "&end=" + at("04"));
        assertThat(r.statusCode()).isEqualTo(200);

        // the rough cut's files go out by sendfile, never read by the JVM: they are counted all the same
        Await.until("the rough cut's bytes on /metrics", () -> roughBytesCounted() - before == r.body().length);
        assertThat(node.get("/metrics").body())
                .contains("streamvault_cut_requests_seconds_count{outcome=\"complete\",type=\"rough\"}");
    }

    private static double roughBytesCounted() throws Exception {
        for (String line : node.get("/metrics").body().split("\n")) {
            if (line.startsWith("streamvault_cut_bytes_total{type=\"rough\"}")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    @ParameterizedTest
    @ValueSource(strings = {"fast", "smart", "mpegts"})
    void tsCutsLastExactlyTheRange(String type) throws Exception {
        HttpResponse<byte[]> r = node.getBytes(BASE + ".ts?type=" + type + "&start=" + at("02.5") + "&end=" + at("09.2"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("video/MP2T");
        assertThat(MediaProbe.videoFrames(save(r, type + ".ts")) * FRAME).isCloseTo(6.7, within(FRAME));
    }

    @Test
    void mp4CutIsSpooledAndSent() throws Exception {
        HttpResponse<byte[]> r = node.getBytes(BASE + ".mp4?start=" + at("02.5") + "&end=" + at("09.2"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(MediaProbe.videoDuration(save(r, "cut.mp4"))).isCloseTo(6.7, within(FRAME));
        ProcessWatch.awaitEmpty(tmp);
    }

    @Test
    void repeatedRangesAreCutBackToBack() throws Exception {
        HttpResponse<byte[]> r = node.getBytes(BASE + ".ts?type=smart&range=" + at("02.5") + "," + at("09.2")
                + "&range=" + at("20") + "," + at("23.5"));

        assertThat(r.statusCode()).isEqualTo(200);
        Path out = save(r, "two-ranges.ts");
        assertThat(MediaProbe.videoDuration(out)).isCloseTo(6.7 + 3.5, within(FRAME));
        assertThat(MediaProbe.firstNonMonotonic(MediaProbe.decodeTimes(out, "v:0"))).isNull();
    }

    @Test
    void cutAcrossAHoleWorksWithAllowHoles() throws Exception {
        HttpResponse<byte[]> r = node.getBytes(BASE + ".ts?type=smart&allow_holes=true&start=" + at("37") + "&end=" + at("45"));

        assertThat(r.statusCode()).isEqualTo(200);
        // 8 s asked, the 2 s hole left out
        assertThat(MediaProbe.videoFrames(save(r, "holey.ts")) * FRAME).isCloseTo(6.0, within(FRAME));
    }

    @Test
    void headAnswersWithoutCutting() throws Exception {
        HttpResponse<String> r = node.send("HEAD", BASE + ".ts?type=mpegts&start=" + at("02") + "&end=" + at("09"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("video/MP2T");
        assertThat(ProcessWatch.ffmpegChildren()).isEmpty();
    }
}

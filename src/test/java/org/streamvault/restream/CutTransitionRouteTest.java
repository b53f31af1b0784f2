package org.streamvault.restream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.CutChecker;
import org.streamvault.testing.ProcessWatch;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestMedia;
import org.streamvault.testing.TestNode;

/** {@code GET /cut} with {@code transition} parameters on a real node: refusals in one line, and clean joined cuts. */
class CutTransitionRouteTest {
    private static final String BASE = "/cut/chan/src";

    @TempDir
    static Path dir;
    static Path tmp;
    static TestNode node;

    /** 16 segments of 2 s from 14:00:00, the one at 14:00:20 missing (a hole from 20 s to 22 s). */
    @BeforeAll
    static void start() throws Exception {
        StoreBuilder builder = new StoreBuilder(dir.resolve("store"), "chan", "src");
        List<Path> media = TestMedia.segments(16);
        long t0 = Timestamps.parseUtc("2026-11-20T14:00:00");
        for (int i = 0; i < 16; i++) {
            if (i != 10) {
                builder.addFile(t0 + i * 2_000_000L, "2.000", media.get(i));
            }
        }
        tmp = dir.resolve("cut-tmp");
        node = TestNode.start(dir.resolve("store"), "streamvault.cut.temp-dir", tmp.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    private static String range(String from, String to) {
        return "range=2026-11-20T14:00:" + from + ",2026-11-20T14:00:" + to;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        # one transition too many
        range=2026-11-20T14:00:02,2026-11-20T14:00:06&range=2026-11-20T14:00:08,2026-11-20T14:00:12&transition=fade,1&transition= | need 1 transition parameters
        # one too few
        range=2026-11-20T14:00:02,2026-11-20T14:00:06&range=2026-11-20T14:00:08,2026-11-20T14:00:12&range=2026-11-20T14:00:12,2026-11-20T14:00:16&transition=fade,1 | need 2 transition parameters
        # start/end: one range, no join
        start=2026-11-20T14:00:02&end=2026-11-20T14:00:09&transition=fade,1 | need 0 transition parameters
        range=2026-11-20T14:00:02,2026-11-20T14:00:06&range=2026-11-20T14:00:08,2026-11-20T14:00:12&transition=sparkle,1 | unknown transition type 'sparkle'
        range=2026-11-20T14:00:02,2026-11-20T14:00:06&range=2026-11-20T14:00:08,2026-11-20T14:00:12&transition=custom,1 | unknown transition type 'custom'
        range=2026-11-20T14:00:02,2026-11-20T14:00:06&range=2026-11-20T14:00:08,2026-11-20T14:00:12&transition=fade,0 | positive number of seconds, not '0'
        range=2026-11-20T14:00:02,2026-11-20T14:00:06&range=2026-11-20T14:00:08,2026-11-20T14:00:12&transition=fade,-1 | positive number of seconds, not '-1'
        range=2026-11-20T14:00:02,2026-11-20T14:00:06&range=2026-11-20T14:00:08,2026-11-20T14:00:12&transition=fade,abc | positive number of seconds, not 'abc'
        range=2026-11-20T14:00:02,2026-11-20T14:00:06&range=2026-11-20T14:00:08,2026-11-20T14:00:12&transition=fade,NaN | positive number of seconds, not 'NaN'
        range=2026-11-20T14:00:02,2026-11-20T14:00:06&range=2026-11-20T14:00:08,2026-11-20T14:00:12&transition=fade,Infinity | positive number of seconds, not 'Infinity'
        range=2026-11-20T14:00:02,2026-11-20T14:00:06&range=2026-11-20T14:00:08,2026-11-20T14:00:12&transition=fade | TYPE,DURATION or empty
        range=2026-11-20T14:00:02,2026-11-20T14:00:06&range=2026-11-20T14:00:08,2026-11-20T14:00:12&transition=fade,1,2 | TYPE,DURATION or empty
        range=2026-11-20T14:00:02,2026-11-20T14:00:06&range=2026-11-20T14:00:08,2026-11-20T14:00:12&transition=,1 | unknown transition type ''
        # longer than the range after it
        range=2026-11-20T14:00:02,2026-11-20T14:00:06&range=2026-11-20T14:00:08,2026-11-20T14:00:10&transition=fade,2.5 | longer than range 2
        # longer than the range before it
        range=2026-11-20T14:00:02,2026-11-20T14:00:03&range=2026-11-20T14:00:08,2026-11-20T14:00:12&transition=wipeleft,1.5 | longer than range 1
        # the fades into and out of the middle range overlap
        range=2026-11-20T14:00:02,2026-11-20T14:00:06&range=2026-11-20T14:00:08,2026-11-20T14:00:10&range=2026-11-20T14:00:12,2026-11-20T14:00:16&transition=fade,1.5&transition=fade,1 | into and out of range 2
        # rough copies whole segments: it cannot blend
        type=rough&range=2026-11-20T14:00:02,2026-11-20T14:00:06&range=2026-11-20T14:00:08,2026-11-20T14:00:12&transition=fade,1 | cannot make transitions
        # the range is long enough, but a hole leaves it 2 s of recording
        allow_holes=true&range=2026-11-20T14:00:19,2026-11-20T14:00:23&range=2026-11-20T14:00:24,2026-11-20T14:00:28&transition=fade,2.5 | holds only 2.000000 s
        """)
    void badTransitionsAre400WithAReason(String query, String reason) throws Exception {
        HttpResponse<String> r = node.get(BASE + ".ts?" + query);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains(reason).doesNotContain("Exception");
        assertThat(r.body().strip().lines()).hasSize(1);
    }

    /** A fade, then a hard cut given as an empty {@code transition=}: 5.75 + 5.7 + 3.75 − 1 s. */
    @ParameterizedTest
    @ValueSource(strings = {"fast", "smart", "mpegts", "mp4"})
    void fadeAndHardCutPlayAsOneContinuousVideo(String type) throws Exception {
        String ext = type.equals("mp4") ? ".mp4" : ".ts";
        HttpResponse<byte[]> r = node.getBytes(BASE + ext + "?type=" + type + "&" + range("01.5", "07.25")
                + "&transition=fade,1&" + range("09.3", "15.0") + "&transition=&" + range("15.5", "19.25"));

        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        Path file = Files.write(dir.resolve("joined-" + type + ext), r.body());
        CutChecker.assertPlaysAsJoined(file, List.of(5.75, 5.7, 3.75), java.util.Arrays.asList(1.0, null));
        ProcessWatch.awaitEmpty(tmp);
    }
}

package org.streamvault.cut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.streamvault.cut.CutFixture.FRAME;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.streamvault.segments.SegmentType;
import org.streamvault.testing.CutChecker;
import org.streamvault.testing.MediaProbe;
import org.streamvault.testing.ProcessWatch;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestMedia;

/** Every cut type against real segments, checked with ffprobe. */
class CutterTest {
    @TempDir
    static Path store;
    @TempDir
    Path work;

    static CutFixture fixture;

    @BeforeAll
    static void storeSegments() throws Exception {
        fixture = new CutFixture(store, 30);
    }

    private Cutter cutter() {
        return new Cutter(CutSettings.defaults().withTempDir(work.resolve("tmp")));
    }

    private Path cutToFile(CutRequest request) throws IOException {
        Path out = work.resolve("cut-" + request.type().id());
        try (OutputStream o = Files.newOutputStream(out)) {
            cutter().writeTo(request, o);
        }
        return out;
    }

    @Test
    void roughCutIsTheWholeSegmentsCoveringTheRange() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        cutter().writeTo(fixture.request(CutType.ROUGH, 2.5, 9.2), out);

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (Path p : fixture.segmentFiles.subList(1, 5)) {
            expected.write(Files.readAllBytes(p));
        }
        assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
    }

    @ParameterizedTest
    @EnumSource(value = CutType.class, names = {"FAST", "SMART", "MPEGTS", "MP4"})
    void cutIsExactToTheFrame(CutType type) throws Exception {
        Path out = cutToFile(fixture.request(type, 2.5, 9.2));

        assertThat(MediaProbe.videoFrames(out) * FRAME).isCloseTo(6.7, within(FRAME));
        // fast cuts too: their packets are re-timed and their continuity counters renumbered
        assertThat(MediaProbe.videoDuration(out)).isCloseTo(6.7, within(FRAME));
        MediaProbe.decodesCleanly(out);
        ProcessWatch.awaitEmpty(work.resolve("tmp"));
    }

    @Test
    void smartCutHasContinuousTimestamps() throws Exception {
        Path out = cutToFile(fixture.request(CutType.SMART, 2.5, 9.2));

        assertThat(MediaProbe.firstNonMonotonic(MediaProbe.decodeTimes(out, "v:0"))).isNull();
        // A re-encoded edge's last AAC frame is padded to 1024 samples, so its audio may overlap
        // the next segment's by less than a frame (within SPEC §4's 1.5 frames); the checker judges it.
        CutChecker.assertPlaysAs(out, 6.7);
    }

    @Test
    void cutOfOneSegmentTrimsBothEnds() throws Exception {
        Path out = cutToFile(fixture.request(CutType.FAST, 4.5, 5.5));

        assertThat(MediaProbe.videoFrames(out) * FRAME).isCloseTo(1.0, within(FRAME));
    }

    @ParameterizedTest
    @EnumSource(value = CutType.class, names = {"FAST", "SMART", "MPEGTS", "MP4"})
    void rangesAreCutBackToBack(CutType type) throws Exception {
        CutRequest request = new CutRequest(type, List.of(fixture.part(2.5, 9.2, false), fixture.part(20.0, 23.5, false)));
        Path out = cutToFile(request);

        assertThat(MediaProbe.videoFrames(out) * FRAME).isCloseTo(6.7 + 3.5, within(FRAME));
        assertThat(MediaProbe.videoDuration(out)).isCloseTo(6.7 + 3.5, within(FRAME));
    }

    @Test
    void roughCutOfTwoRangesConcatenatesBoth() throws Exception {
        CutRequest request = new CutRequest(CutType.ROUGH, List.of(fixture.part(0, 2, false), fixture.part(10, 12, false)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        cutter().writeTo(request, out);

        assertThat(out.size()).isEqualTo(Files.size(fixture.segmentFiles.get(0)) + Files.size(fixture.segmentFiles.get(5)));
    }

    @Test
    void emptyRequestIsRefused() throws Exception {
        CutRequest nothing = new CutRequest(CutType.ROUGH, List.of(fixture.part(3600, 3700, true)));

        assertThatThrownBy(() -> cutter().open(nothing)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void junkSegmentIsReportedByName(@TempDir Path other) throws Exception {
        new StoreBuilder(other, "chan", "src")
                .add(CutFixture.T0, "2.000", SegmentType.FULL, 50_000);
        CutFixture junk = new CutFixture(other, 0);

        assertThatThrownBy(() -> cutter().writeTo(junk.request(CutType.FAST, 0.5, 1.5), OutputStream.nullOutputStream()))
                .isInstanceOf(CutFailedException.class)
                .hasMessageContaining("holds no MPEG-TS audio or video")
                .hasMessageContaining("00:00.000000-2.000-full-");
    }

    @ParameterizedTest
    @EnumSource(value = CutType.class, names = {"FAST", "SMART", "MPEGTS"})
    void audioOnlySegmentsAreCutToo(CutType type, @TempDir Path audioStore) throws Exception {
        Path made = work.resolve("audio");
        Files.createDirectories(made);
        TestMedia.ffmpeg(made, "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "8", "-c:a", "aac",
                "-f", "segment", "-segment_time", "2", "-segment_format", "mpegts", "a%d.ts");
        StoreBuilder builder = new StoreBuilder(audioStore, "chan", "src");
        for (int i = 0; i < 4; i++) {
            builder.addFile(CutFixture.T0 + i * 2 * CutFixture.SECOND, "2.000", made.resolve("a" + i + ".ts"));
        }
        CutFixture audio = new CutFixture(audioStore, 0);

        Path out = cutToFile(audio.request(type, 0.5, 7.0));

        String packets = TestMedia.ffprobe("-select_streams", "a:0", "-count_packets", "-show_entries",
                "stream=nb_read_packets", "-of", "csv=p=0", out.toString()).strip().lines().findFirst().orElseThrow();
        // one AAC packet is 1024 samples at 48 kHz; re-encoded edges gain a frame or two of priming
        assertThat(Integer.parseInt(packets.strip()) * 1024 / 48_000.0).isCloseTo(6.5, within(0.1));
    }
}

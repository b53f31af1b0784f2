package org.streamvault.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checker passes a clean cut and catches the joins the concat demuxer makes. */
class CutCheckerTest {
    @TempDir
    Path dir;

    private static List<Path> bframeSegments(int count) throws Exception {
        return TestMedia.segments(TestMedia.Kind.BFRAMES_2S).stream().limit(count).map(TestMedia.Segment::file).toList();
    }

    private String concatProtocol(List<Path> segments) {
        return "concat:" + segments.stream().map(Path::toString).collect(Collectors.joining("|"));
    }

    @Test
    void segmentsReadAsOneByteStreamAndTrimmedAreACleanCut() throws Exception {
        List<Path> segments = bframeSegments(6);
        TestMedia.ffmpeg(dir, "-i", concatProtocol(segments), "-filter_complex",
                "[0:v]trim=start=1.5:duration=8.25,setpts=PTS-STARTPTS[v];[0:a]atrim=start=1.5:duration=8.25,asetpts=PTS-STARTPTS[a]",
                "-map", "[v]", "-map", "[a]", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-f", "mpegts", "clean.ts");

        CutChecker.Report report = CutChecker.assertPlaysAs(dir.resolve("clean.ts"), 8.25);

        assertThat(report.videoFrames()).isBetween(247, 249);
    }

    @Test
    void concatDemuxerJoinIsCaught() throws Exception {
        List<Path> segments = bframeSegments(6);
        Files.writeString(dir.resolve("list.ffconcat"), "ffconcat version 1.0\n"
                + segments.stream().map(p -> "file 'file:" + p + "'\n").collect(Collectors.joining()));
        TestMedia.ffmpeg(dir, "-f", "concat", "-safe", "0", "-i", "list.ffconcat", "-c", "copy", "-f", "mpegts", "joined.ts");

        CutChecker.Report report = CutChecker.probe(dir.resolve("joined.ts"));

        assertThat(report.problems(12.0)).as(report.toString()).anyMatch(p -> p.contains("has a hole"));
        assertThatThrownBy(() -> CutChecker.assertPlaysAs(dir.resolve("joined.ts"), 12.0))
                .isInstanceOf(AssertionError.class).hasMessageContaining("has a hole");
    }

    @Test
    void missingFramesAndAWrongLengthAreCaught() throws Exception {
        List<Path> segments = TestMedia.segments(3);
        TestMedia.ffmpeg(dir, "-i", concatProtocol(segments), "-t", "5", "-c", "copy", "-f", "mpegts", "short.ts");

        assertThat(CutChecker.probe(dir.resolve("short.ts")).problems(6.0))
                .anyMatch(p -> p.contains("frames, want 180"))
                .anyMatch(p -> p.contains("container duration"));
    }

    /**
     * Two 3 s ranges joined by a 1 s fade must last 5 s: the same ranges played whole one after
     * the other (a "transition" that did not overlap them) are a clean 6 s but not that cut.
     */
    @Test
    void rangesPlayedWholeInsteadOfOverlappedAreCaught() throws Exception {
        List<Path> segments = bframeSegments(6);
        TestMedia.ffmpeg(dir, "-i", concatProtocol(segments), "-filter_complex",
                "[0:v]trim=start=1.5:duration=6,setpts=PTS-STARTPTS[v];[0:a]atrim=start=1.5:duration=6,asetpts=PTS-STARTPTS[a]",
                "-map", "[v]", "-map", "[a]", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-f", "mpegts", "whole.ts");
        Path whole = dir.resolve("whole.ts");

        CutChecker.assertPlaysAsJoined(whole, List.of(3.0, 3.0), java.util.Arrays.asList((Double) null));
        assertThat(CutChecker.joinedLength(List.of(3.0, 3.0), List.of(1.0))).isEqualTo(5.0);
        assertThatThrownBy(() -> CutChecker.assertPlaysAsJoined(whole, List.of(3.0, 3.0), List.of(1.0)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("frames, want 150");
    }
}

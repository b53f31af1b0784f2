package org.streamvault.cut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command lines and parsing around ffmpeg, without running it. */
class FfmpegCommandsTest {

    @Test
    void secondsKeepEveryMicrosecond() {
        assertThat(FfmpegCommands.seconds(1_300_000)).isEqualTo("1.300000");
        assertThat(FfmpegCommands.seconds(3_599_000_001L)).isEqualTo("3599.000001");
        assertThat(FfmpegCommands.seconds(0)).isEqualTo("0.000000");
    }

    @Test
    void concatListQuotesNamesWithColonsAndQuotes() {
        String list = FfmpegCommands.concatList(List.of(Path.of("/s/c/q/2026-11-20T14/05:42.125000-2.0-full-abc.ts"),
                Path.of("/tmp/it's.ts")));

        assertThat(list).isEqualTo("ffconcat version 1.0\n"
                + "file 'file:/s/c/q/2026-11-20T14/05:42.125000-2.0-full-abc.ts'\n"
                + "file 'file:/tmp/it'\\''s.ts'\n");
    }

    @Test
    void fullEncodeOfTwoRangesTrimsEachAndJoinsThem() {
        Encoding enc = new Encoding(List.of("-c:v", "libx264"), "mpegts", false);
        List<String> cmd = FfmpegCommands.fullEncode("ffmpeg", List.of(Path.of("/t/a"), Path.of("/t/b")),
                List.of(new long[] {500_000, 6_700_000}, new long[] {0, 2_000_000}), true, true, enc, "pipe:1");

        assertThat(String.join(" ", cmd)).isEqualTo("ffmpeg -hide_banner -loglevel error -nostdin"
                + " -f concat -safe 0 -i file:/t/a -f concat -safe 0 -i file:/t/b -filter_complex"
                + " [0:v:0]trim=start=0.500000:duration=6.700000,setpts=PTS-STARTPTS[v0];"
                + "[0:a:0]atrim=start=0.500000:duration=6.700000,asetpts=PTS-STARTPTS[a0];"
                + "[1:v:0]trim=start=0.000000:duration=2.000000,setpts=PTS-STARTPTS[v1];"
                + "[1:a:0]atrim=start=0.000000:duration=2.000000,asetpts=PTS-STARTPTS[a1];"
                + "[v0][a0][v1][a1]concat=n=2:v=1:a=1[v][a]"
                + " -map [v] -map [a] -c:v libx264 -f mpegts pipe:1");
    }

    @Test
    void fullEncodeOfOneSilentRangeNeedsNoConcatFilter() {
        Encoding enc = new Encoding(List.of(), "mp4", true);
        List<String> cmd = FfmpegCommands.fullEncode("ffmpeg", List.of(Path.of("/t/a")),
                List.<long[]>of(new long[] {0, 1_000_000}), true, false, enc, "file:/t/out.mp4");

        assertThat(cmd).containsSubsequence("-filter_complex",
                "[0:v:0]trim=start=0.000000:duration=1.000000,setpts=PTS-STARTPTS[v]", "-map", "[v]", "-f", "mp4");
        assertThat(cmd).doesNotContain("[a]");
    }

    @Test
    void fullEncodeOfAudioOnlyRangesJoinsAudioAlone() {
        Encoding enc = new Encoding(List.of(), "mpegts", false);
        List<String> cmd = FfmpegCommands.fullEncode("ffmpeg", List.of(Path.of("/t/a"), Path.of("/t/b")),
                List.of(new long[] {0, 1_000_000}, new long[] {0, 1_000_000}), false, true, enc, "pipe:1");

        assertThat(cmd.get(cmd.indexOf("-filter_complex") + 1)).endsWith("[a0][a1]concat=n=2:v=0:a=1[a]");
        assertThat(cmd).doesNotContain("[v]");
    }

    @Test
    void probeOutputListsStreamsInOrder() {
        MediaStreams streams = MediaStreams.parse("index=0\ncodec_name=h264\ncodec_type=video\n"
                + "index=1\ncodec_name=aac\ncodec_type=audio\nindex=2\ncodec_name=timed_id3\ncodec_type=data\n");

        assertThat(streams.streams()).containsExactly(new MediaStreams.Stream(0, "video", "h264"),
                new MediaStreams.Stream(1, "audio", "aac"), new MediaStreams.Stream(2, "data", "timed_id3"));
        assertThat(streams.has("audio")).isTrue();
        assertThat(MediaStreams.parse("").has("video")).isFalse();
    }

    @Test
    void cutTypesParseOnlyTheirLowerCaseNames() {
        assertThat(CutType.parse("smart")).isEqualTo(CutType.SMART);
        assertThat(CutType.MP4.contentType()).isEqualTo("video/mp4");
        assertThat(CutType.FAST.contentType()).isEqualTo("video/MP2T");
        assertThatThrownBy(() -> CutType.parse("FULL")).hasMessageContaining("rough, fast, smart, mpegts or mp4");
    }

    @Test
    void rangesMustEndAfterTheyStart() {
        assertThatThrownBy(() -> new CutRange(5, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}

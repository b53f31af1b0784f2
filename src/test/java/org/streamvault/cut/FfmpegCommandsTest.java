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
    void fullEncodeOfTwoRunsTrimsEachOnTheSourceClockAndJoinsThem() {
        Encoding enc = new Encoding(List.of("-c:v", "libx264"), "mpegts", false);
        List<String> cmd = FfmpegCommands.fullEncode("ffmpeg", List.of(Path.of("/t/a"), Path.of("/t/b")),
                List.of(new long[] {90_000, 180_000}, new long[] {9_000, 27_000}), true, true, enc, "pipe:1");

        assertThat(String.join(" ", cmd)).isEqualTo("ffmpeg -hide_banner -loglevel error -nostdin -copyts"
                + " -f mpegts -i file:/t/a -f mpegts -i file:/t/b -filter_complex"
                + " [0:v:0]trim=start=0.999994:end=1.999994,setpts=PTS-STARTPTS[v0];"
                + "[0:a:0]atrim=start=0.999994:end=1.999994,asetpts=PTS-STARTPTS[a0];"
                + "[1:v:0]trim=start=0.099994:end=0.299994,setpts=PTS-STARTPTS[v1];"
                + "[1:a:0]atrim=start=0.099994:end=0.299994,asetpts=PTS-STARTPTS[a1];"
                + "[v0][a0][v1][a1]concat=n=2:v=1:a=1[v][a]"
                + " -map [v] -map [a] -c:v libx264 -f mpegts pipe:1");
    }

    @Test
    void edgeIsReencodedOnTheSourceClockWithTheSourcePacketIds() {
        MediaStreams streams = MediaStreams.parse("program_num=1\npmt_pid=4096\nindex=0\ncodec_name=h264\n"
                + "codec_type=video\nid=0x100\nindex=1\ncodec_name=aac\ncodec_type=audio\nid=0x101\n");
        List<String> cmd = FfmpegCommands.trimEdge("ffmpeg", Path.of("/s/seg.ts"), streams, 90_000, -1, 2, "pipe:1");

        assertThat(String.join(" ", cmd)).isEqualTo("ffmpeg -hide_banner -loglevel error -nostdin -copyts"
                + " -i file:/s/seg.ts -filter_complex [0:0]trim=start=0.999994[v];[0:1]atrim=start=0.999994[a]"
                + " -map [v] -c:0 h264 -streamid 0:256 -map [a] -c:1 aac -streamid 1:257"
                + " -mpegts_pmt_start_pid 4096 -mpegts_service_id 1 -mpegts_copyts 1 -f mpegts pipe:1");
    }

    @Test
    void fullEncodeOfOneSilentRangeNeedsNoConcatFilter() {
        Encoding enc = new Encoding(List.of(), "mp4", true);
        List<String> cmd = FfmpegCommands.fullEncode("ffmpeg", List.of(Path.of("/t/a")),
                List.<long[]>of(new long[] {1, 90_001}), true, false, enc, "file:/t/out.mp4");

        assertThat(cmd).containsSubsequence("-filter_complex",
                "[0:v:0]trim=start=0.000006:end=1.000006,setpts=PTS-STARTPTS[v]", "-map", "[v]", "-f", "mp4");
        assertThat(cmd).doesNotContain("[a]");
    }

    @Test
    void fullEncodeOfAudioOnlyRangesJoinsAudioAlone() {
        Encoding enc = new Encoding(List.of(), "mpegts", false);
        List<String> cmd = FfmpegCommands.fullEncode("ffmpeg", List.of(Path.of("/t/a"), Path.of("/t/b")),
                List.of(new long[] {0, 90_000}, new long[] {0, 90_000}), false, true, enc, "pipe:1");

        assertThat(cmd.get(cmd.indexOf("-filter_complex") + 1)).endsWith("[a0][a1]concat=n=2:v=0:a=1[a]");
        assertThat(cmd).doesNotContain("[v]");
    }

    @Test
    void probeOutputListsStreamsInOrder() {
        MediaStreams streams = MediaStreams.parse("index=0\ncodec_name=h264\ncodec_type=video\n"
                + "index=1\ncodec_name=aac\ncodec_type=audio\nindex=2\ncodec_name=timed_id3\ncodec_type=data\n"
                + "index=0\ncodec_name=h264\ncodec_type=video\n");

        assertThat(streams.streams()).containsExactly(new MediaStreams.Stream(0, "video", "h264", -1),
                new MediaStreams.Stream(1, "audio", "aac", -1), new MediaStreams.Stream(2, "data", "timed_id3", -1));
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

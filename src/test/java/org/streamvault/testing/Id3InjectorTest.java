package org.streamvault.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The timed-ID3 fixture is what ffmpeg reads as Twitch's metadata stream, and leaves audio and video alone. */
class Id3InjectorTest {

    private static String probe(Path file, String... args) throws Exception {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.add(file.toString());
        return TestMedia.ffprobe(all.toArray(String[]::new));
    }

    @Test
    void everySegmentHasATimedId3StreamWithOneTagAtItsFirstVideoFrame() throws Exception {
        List<TestMedia.Segment> plain = TestMedia.segments(TestMedia.Kind.BFRAMES_2S);
        List<TestMedia.Segment> tagged = TestMedia.segments(TestMedia.Kind.TIMED_ID3_2S);
        assertThat(tagged).hasSameSizeAs(plain);

        for (int i = 0; i < tagged.size(); i += 5) {
            Path file = tagged.get(i).file();
            // MPEG-TS streams are listed under their program, then again alone
            assertThat(probe(file, "-show_entries", "stream=codec_type,codec_name,id", "-of", "csv=p=0").lines()
                    .filter(l -> !l.isBlank()).distinct()).containsExactly("h264,video,0x100", "aac,audio,0x101", "timed_id3,data,0x102");
            String firstVideoPts = probe(file, "-select_streams", "v:0", "-show_entries", "stream=start_pts", "-of", "csv=p=0")
                    .lines().findFirst().orElseThrow();
            String id3 = probe(file, "-select_streams", "d:0", "-show_entries", "packet=pts", "-of", "flat");
            assertThat(id3.lines().filter(l -> l.endsWith(".pts=" + firstVideoPts)).count()).isEqualTo(1);
            assertThat(id3.lines().filter(l -> l.matches("packets\\.packet\\.\\d+\\.pts=.*")).count()).isEqualTo(1);
            // read from the bytes: ffmpeg 5.1 hands the tag out without its first 5 bytes (see Id3Injector.tags)
            List<Id3Injector.Tag> tags = Id3Injector.tags(file);
            assertThat(tags).hasSize(1);
            assertThat(tags.get(0).pts()).isEqualTo(Long.parseLong(firstVideoPts));
            assertThat(tags.get(0).isId3Holding("TXXX")).isTrue();
            assertThat(tags.get(0).isId3Holding("segmentmetadata")).isTrue();
            assertThat(tags.get(0).isId3Holding("\"transc_s\":" + i + "}")).isTrue();
        }
    }

    @Test
    void videoAndAudioPacketsAreUnchanged() throws Exception {
        List<TestMedia.Segment> plain = TestMedia.segments(TestMedia.Kind.BFRAMES_2S);
        List<TestMedia.Segment> tagged = TestMedia.segments(TestMedia.Kind.TIMED_ID3_2S);
        for (int i : new int[] {0, 7}) {
            for (String stream : List.of("v:0", "a:0")) {
                String[] args = {"-select_streams", stream, "-show_entries", "packet=pts,dts,duration,size,flags,data_hash",
                        "-show_data_hash", "MD5", "-of", "csv=p=0"};
                String before = probe(plain.get(i).file(), args);
                assertThat(before.lines().count()).isGreaterThan(40);
                assertThat(probe(tagged.get(i).file(), args)).isEqualTo(before);
            }
        }
    }

    @Test
    void aStreamCopyKeepsTheTimedMetadata() throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory("id3-copy");
        try {
            TestMedia.ffmpeg(dir, "-i", TestMedia.segments(TestMedia.Kind.TIMED_ID3_2S).get(3).file().toString(),
                    "-map", "0", "-c", "copy", "-f", "mpegts", "copy.ts");
            assertThat(probe(dir.resolve("copy.ts"), "-show_entries", "stream=codec_name", "-of", "csv=p=0"))
                    .contains("timed_id3");
        } finally {
            try (var files = java.nio.file.Files.list(dir)) {
                for (Path f : files.toList()) {
                    java.nio.file.Files.delete(f);
                }
            }
            java.nio.file.Files.delete(dir);
        }
    }
}

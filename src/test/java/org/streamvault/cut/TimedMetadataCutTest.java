package org.streamvault.cut;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.SegmentStore;
import org.streamvault.testing.CutChecker;
import org.streamvault.testing.CutMatrix;
import org.streamvault.testing.Id3Injector;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestMedia;

/**
 * What becomes of a timed-ID3 stream (Twitch's, one tag per segment at its first frame) in a
 * cut, as the README's cut table says: {@code fast} keeps the tags of the copied segments, whole
 * and re-timed with their frames; the types that go through ffmpeg drop the stream. Continuity
 * itself is judged for every type in {@link CutContinuityTest}.
 */
class TimedMetadataCutTest {
    private static final TestMedia.Kind KIND = TestMedia.Kind.TIMED_ID3_2S;

    @TempDir
    static Path base;
    @TempDir
    Path work;

    static SegmentStore store;

    @BeforeAll
    static void storeTheKind() throws Exception {
        new StoreBuilder(base, CutMatrix.channel(KIND), "plain").addKind(KIND, CutMatrix.T0);
        store = new SegmentStore(base);
    }

    private Path cut(CutType type, double start, double end) throws Exception {
        CutRange range = new CutRange(CutMatrix.at(start), CutMatrix.at(end));
        CutPart part = new CutPart(range, store.select(CutMatrix.channel(KIND), "plain", range.startMicros(),
                range.endMicros(), false));
        Path out = work.resolve(type + ".ts");
        try (OutputStream o = Files.newOutputStream(out)) {
            new Cutter(CutSettings.defaults().withTempDir(work.resolve("tmp"))).writeTo(new CutRequest(type, List.of(part)), o);
        }
        CutChecker.assertPlaysAs(out, end - start);
        return out;
    }

    private static long firstVideoPts(Path file) throws Exception {
        return Long.parseLong(TestMedia.ffprobe("-select_streams", "v:0", "-show_entries", "stream=start_pts", "-of", "csv=p=0",
                file.toString()).lines().findFirst().orElseThrow());
    }

    @Test
    void fastKeepsTheTagsOfTheCopiedSegmentsAtTheirFrames() throws Exception {
        // segments 1-3 (2 s to 8 s) are copied, segment 4 is an edge and re-encoded without its tag
        Path out = cut(CutType.FAST, 1.5, 9.25);

        long start = firstVideoPts(out);
        List<Id3Injector.Tag> tags = Id3Injector.tags(out);
        assertThat(tags).extracting(t -> t.pts() - start).containsExactly(45_000L, 225_000L, 405_000L);
        for (int i = 0; i < tags.size(); i++) {
            assertThat(tags.get(i).isId3Holding("\"transc_s\":" + (i + 1) + "}")).as("tag %d", i).isTrue();
        }
        assertThat(TestMedia.ffprobe("-show_entries", "stream=codec_name", "-of", "csv=p=0", out.toString()))
                .contains("timed_id3");
    }

    @Test
    void smartAndFullReencodesDropTheStream() throws Exception {
        for (CutType type : List.of(CutType.SMART, CutType.MPEGTS)) {
            Path out = cut(type, 1.5, 9.25);

            assertThat(Id3Injector.tags(out)).as(type.name()).isEmpty();
            assertThat(TestMedia.ffprobe("-show_entries", "stream=codec_type", "-of", "csv=p=0", out.toString()).lines()
                    .filter(l -> !l.isBlank()).distinct()).as(type.name()).containsExactly("video", "audio");
        }
    }
}

package org.streamvault.cut;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.streamvault.segments.SegmentStore;
import org.streamvault.testing.CutChecker;
import org.streamvault.testing.CutMatrix;
import org.streamvault.testing.ProcessWatch;
import org.streamvault.testing.TestMedia;

/**
 * Ranges joined by transitions, every cut type that can make them, on segments with B-frames, 6 s
 * segments and audio alone, judged packet by packet: every frame once, a continuous timeline, in
 * sync, as long as the ranges less the transitions.
 */
class TransitionCutTest {
    @TempDir
    static Path base;
    @TempDir
    Path work;

    static SegmentStore store;

    @BeforeAll
    static void storeEveryKind() throws Exception {
        CutMatrix.store(base);
        store = new SegmentStore(base);
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (CutType type : List.of(CutType.FAST, CutType.SMART, CutType.MPEGTS, CutType.MP4)) {
            for (TestMedia.Kind kind : List.of(TestMedia.Kind.BFRAMES_2S, TestMedia.Kind.SEGMENTS_6S,
                    TestMedia.Kind.AUDIO_ONLY_2S)) {
                for (CutMatrix.Joined shape : CutMatrix.Joined.values()) {
                    out.add(Arguments.of(type, kind, shape));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void transitionCutPlaysContinuously(CutType type, TestMedia.Kind kind, CutMatrix.Joined shape) throws Exception {
        Path out = work.resolve("cut." + (type == CutType.MP4 ? "mp4" : "ts"));
        Cutter cutter = new Cutter(CutSettings.defaults().withTempDir(work.resolve("tmp")));
        try (OutputStream o = Files.newOutputStream(out)) {
            cutter.writeTo(request(type, kind, shape), o);
        }

        CutChecker.assertPlaysAsJoined(out, shape.rangeSeconds(), shape.transitionSeconds());
        ProcessWatch.awaitEmpty(work.resolve("tmp"));
    }

    /**
     * A fast cut re-encodes only what the transition spans: with a 1 s fade from 1.5–7.25 s into
     * 13.3–19 s, the edges (segments at 0 s and 18 s) and the block (6 s; 12 s and 14 s, the
     * second range's start plus its audio's margin) are new, and the segments at 2, 4 and 16 s are
     * the recorded packets, byte for byte.
     */
    @Test
    void fastCutCopiesEverySegmentTheTransitionDoesNotSpan() throws Exception {
        TestMedia.Kind kind = TestMedia.Kind.BFRAMES_2S;
        Path out = work.resolve("cut.ts");
        Cutter cutter = new Cutter(CutSettings.defaults().withTempDir(work.resolve("tmp")));
        try (OutputStream o = Files.newOutputStream(out)) {
            cutter.writeTo(request(CutType.FAST, kind, CutMatrix.Joined.TWO_FADE), o);
        }
        Set<String> recorded = new HashSet<>();
        for (TestMedia.Segment s : TestMedia.segments(kind)) {
            recorded.addAll(videoPackets(s.file()));
        }
        List<String> cut = videoPackets(out);
        long copied = cut.stream().filter(recorded::contains).count();

        assertThat(copied).as("packets of the segments at 2, 4 and 16 s").isEqualTo(3 * 2 * TestMedia.FPS);
        assertThat(cut.size() - copied).as("re-encoded packets").isPositive();
    }

    /** Size and CRC of each video packet's data, as {@code framecrc} gives them (timestamps left out: they are re-timed). */
    private List<String> videoPackets(Path file) throws Exception {
        Path crc = work.resolve("packets.crc");
        TestMedia.ffmpeg(work, "-i", file.toString(), "-map", "0:v:0", "-c", "copy", "-f", "framecrc", crc.toString());
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(crc)) {
            String[] f = line.split(",");
            if (!line.startsWith("#") && f.length >= 6) {
                out.add(f[4].strip() + "/" + f[5].strip());
            }
        }
        return out;
    }

    static CutRequest request(CutType type, TestMedia.Kind kind, CutMatrix.Joined shape) throws Exception {
        List<CutPart> parts = new ArrayList<>();
        for (double[] r : shape.ranges) {
            CutRange range = new CutRange(CutMatrix.at(r[0]), CutMatrix.at(r[1]));
            parts.add(new CutPart(range, store.select(CutMatrix.channel(kind), "plain", range.startMicros(),
                    range.endMicros(), false)));
        }
        List<Transition> transitions = new ArrayList<>();
        for (CutMatrix.Join t : shape.transitions) {
            transitions.add(t == null ? null : Transition.of(t.name(), t.seconds()));
        }
        return new CutRequest(type, parts, transitions, null);
    }
}

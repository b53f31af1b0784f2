package org.streamvault.cut;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
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

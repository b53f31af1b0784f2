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
 * Every cut type but rough, on every kind of real segment and every shape of request, judged
 * packet by packet: every frame once, a continuous timeline, audio in sync, the right duration.
 */
class CutContinuityTest {
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
            for (Object[] c : CutMatrix.cases()) {
                out.add(Arguments.of(type, c[0], c[1]));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void cutPlaysContinuously(CutType type, TestMedia.Kind kind, CutMatrix.Shape shape) throws Exception {
        List<CutPart> parts = new ArrayList<>();
        for (double[] r : shape.ranges(kind)) {
            CutRange range = new CutRange(CutMatrix.at(r[0]), CutMatrix.at(r[1]));
            parts.add(new CutPart(range, store.select(CutMatrix.channel(kind), shape.quality(), range.startMicros(),
                    range.endMicros(), shape.allowHoles())));
        }
        Path out = work.resolve("cut." + (type == CutType.MP4 ? "mp4" : "ts"));
        Cutter cutter = new Cutter(CutSettings.defaults().withTempDir(work.resolve("tmp")));
        try (OutputStream o = Files.newOutputStream(out)) {
            cutter.writeTo(new CutRequest(type, parts), o);
        }

        CutChecker.assertPlaysAs(out, shape.length(kind));
        ProcessWatch.awaitEmpty(work.resolve("tmp"));
    }
}

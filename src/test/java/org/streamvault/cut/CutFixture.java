package org.streamvault.cut;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.streamvault.segments.ContainsHolesException;
import org.streamvault.segments.SegmentStore;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestMedia;

/** A store of real 2 s test segments from {@link #T0} on, and helpers to select and cut ranges of it. */
final class CutFixture {
    static final long T0 = Timestamps.parseUtc("2026-11-20T14:00:00");
    static final long SECOND = Timestamps.MICROS_PER_SECOND;
    static final double FRAME = 1.0 / TestMedia.FPS;

    final SegmentStore store;
    final List<Path> segmentFiles;

    /** Stores {@code count} consecutive segments, leaving out the indexes in {@code missing}. */
    CutFixture(Path baseDir, int count, int... missing) throws Exception {
        StoreBuilder builder = new StoreBuilder(baseDir, "chan", "src");
        segmentFiles = new ArrayList<>();
        List<Path> media = TestMedia.segments(count);
        outer:
        for (int i = 0; i < count; i++) {
            for (int m : missing) {
                if (m == i) {
                    continue outer;
                }
            }
            segmentFiles.add(builder.addFile(T0 + i * 2 * SECOND, "2.000", media.get(i)));
        }
        store = new SegmentStore(baseDir);
    }

    /** Microseconds {@code seconds} after {@link #T0}. */
    static long at(double seconds) {
        return T0 + Math.round(seconds * SECOND);
    }

    CutPart part(double startSeconds, double endSeconds, boolean allowHoles) throws ContainsHolesException {
        CutRange range = new CutRange(at(startSeconds), at(endSeconds));
        return new CutPart(range, store.select("chan", "src", range.startMicros(), range.endMicros(), allowHoles));
    }

    CutRequest request(CutType type, double startSeconds, double endSeconds) throws ContainsHolesException {
        return new CutRequest(type, List.of(part(startSeconds, endSeconds, true)));
    }
}

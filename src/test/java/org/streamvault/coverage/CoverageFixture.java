package org.streamvault.coverage;

import java.nio.file.Path;
import org.streamvault.segments.SegmentType;
import org.streamvault.testing.StoreBuilder;

/**
 * One hour with known content, offsets in seconds from {@code hourStart}:
 * <pre>
 *   full 0–2 (two copies), full 2–4, nothing 4–10, partial 10–12, full 12–14,
 *   full 13–15 (overlaps the previous), temp 20–22, nothing after 15
 * </pre>
 * Selection over the hour: 0–2, 2–4, HOLE, 10–12 (partial), HOLE, 12–14, HOLE → 3 holes,
 * 1 overlap; raw coverage 9 s ([0,4) ∪ [10,15)); editable 7 s ([0,4) ∪ [12,15)).
 */
final class CoverageFixture {
    private CoverageFixture() {
    }

    static void write(Path base, String channel, String quality, long hourStart) {
        StoreBuilder b = new StoreBuilder(base, channel, quality);
        long s = 1_000_000L;
        b.add(hourStart, "2.0", SegmentType.FULL, 100);
        b.add(hourStart, "2.0", SegmentType.FULL, 90);
        b.add(hourStart + 2 * s, "2.0", SegmentType.FULL, 100);
        b.add(hourStart + 10 * s, "2.0", SegmentType.PARTIAL, 50);
        b.add(hourStart + 12 * s, "2.0", SegmentType.FULL, 100);
        b.add(hourStart + 13 * s, "2.0", SegmentType.FULL, 100);
        b.add(hourStart + 20 * s, "2.0", SegmentType.TEMP, 10);
    }
}

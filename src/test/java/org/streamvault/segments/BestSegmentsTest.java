package org.streamvault.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One test per rule of best-segment selection (SPEC §2). Segments live in memory here. */
class BestSegmentsTest {
    static final long HOUR = Timestamps.parseHour("2026-11-20T14");
    static final String H1 = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    static final String H2 = "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBA";

    /** A segment starting {@code startSec} into the hour. */
    static Segment seg(double startSec, String duration, SegmentType type, long size, String hash) {
        long offset = Math.round(startSec * 1_000_000);
        SegmentName name = SegmentName.parse(SegmentName.format(offset, duration, type,
                type == SegmentType.TEMP ? "0b8d1c2f-1e55" : hash));
        return new Segment(Path.of("/store/c/q/2026-11-20T14"), "2026-11-20T14", HOUR, name, size);
    }

    static Segment full(double startSec, double durSec) {
        return seg(startSec, Double.toString(durSec), SegmentType.FULL, 100, H1);
    }

    static Segment of(double startSec, double durSec, SegmentType type) {
        return seg(startSec, Double.toString(durSec), type, 100, H1);
    }

    static long at(double sec) {
        return HOUR + Math.round(sec * 1_000_000);
    }

    static Selection select(List<Segment> segments, double start, double end) throws ContainsHolesException {
        return BestSegments.select(List.of(BestSegments.bestPerStart(segments)), at(start), at(end), true);
    }

    /** Entries as text: segments as "start-end", holes as "HOLE". */
    static List<String> shape(Selection s) {
        List<String> out = new ArrayList<>();
        for (SelectionEntry e : s.entries()) {
            if (e instanceof Segment seg) {
                out.add(fmt(seg.startMicros()) + "-" + fmt(seg.endMicros()));
            } else {
                out.add("HOLE");
            }
        }
        return out;
    }

    static String fmt(long micros) {
        double sec = (micros - HOUR) / 1e6;
        return sec == Math.rint(sec) ? Long.toString((long) sec) : Double.toString(sec);
    }

    @Test
    void workedExampleFromTheSpec() throws Exception {
        Selection s = select(List.of(full(5, 10), full(15, 10), full(30, 10), full(40, 10)), 10, 60);
        assertThat(shape(s)).containsExactly("5-15", "15-25", "HOLE", "30-40", "40-50", "HOLE");
        assertThat(s.entries().get(2)).isEqualTo(new Hole(at(25), at(30)));
        assertThat(s.entries().get(5)).isEqualTo(new Hole(at(50), at(60)));
    }

    @Test
    void fullBeatsSuspectAndPartialEvenWhenSmaller() {
        Segment full = seg(0, "2.0", SegmentType.FULL, 10, H1);
        List<Segment> best = BestSegments.bestPerStart(List.of(
                seg(0, "2.0", SegmentType.SUSPECT, 1000, H1), full, seg(0, "2.0", SegmentType.PARTIAL, 1000, H2)));
        assertThat(best).containsExactly(full);
    }

    @Test
    void amongFullsTheLongestDurationWins() {
        Segment longer = seg(0, "2.5", SegmentType.FULL, 10, H1);
        assertThat(BestSegments.bestPerStart(List.of(seg(0, "2.0", SegmentType.FULL, 999, H2), longer)))
                .containsExactly(longer);
    }

    @Test
    void amongEqualFullsTheLargestFileWins() {
        Segment larger = seg(0, "2.0", SegmentType.FULL, 200, H1);
        assertThat(BestSegments.bestPerStart(List.of(larger, seg(0, "2.0", SegmentType.FULL, 100, H2))))
                .containsExactly(larger);
    }

    @Test
    void amongIdenticalFullsTheHighestHashAsBytesWins() {
        // '-' sorts before 'A' as text but encodes 62, above 'A' (0), as base64.
        Segment dash = seg(0, "2.0", SegmentType.FULL, 100, "-" + H1.substring(1));
        Segment plain = seg(0, "2.0", SegmentType.FULL, 100, H1);
        assertThat(BestSegments.bestPerStart(List.of(plain, dash))).containsExactly(dash);
        assertThat(BestSegments.bestPerStart(List.of(dash, plain))).containsExactly(dash);
    }

    @Test
    void withoutAFullSuspectBeatsALargerPartial() {
        Segment suspect = seg(0, "2.0", SegmentType.SUSPECT, 10, H1);
        assertThat(BestSegments.bestPerStart(List.of(seg(0, "2.0", SegmentType.PARTIAL, 500, H2), suspect)))
                .containsExactly(suspect);
    }

    @Test
    void amongPartialsTheLargestFileWins() {
        Segment larger = seg(0, "2.0", SegmentType.PARTIAL, 500, H1);
        assertThat(BestSegments.bestPerStart(List.of(seg(0, "2.0", SegmentType.PARTIAL, 100, H2), larger)))
                .containsExactly(larger);
    }

    @Test
    void tempIsNeverChosen() {
        Segment partial = seg(0, "2.0", SegmentType.PARTIAL, 1, H1);
        assertThat(BestSegments.bestPerStart(List.of(seg(0, "2.0", SegmentType.TEMP, 10_000, ""), partial)))
                .containsExactly(partial);
        assertThat(BestSegments.bestPerStart(List.of(seg(2, "2.0", SegmentType.TEMP, 10_000, "")))).isEmpty();
    }

    @Test
    void bestPerStartIsInStartOrderWhateverTheInputOrder() {
        List<Segment> input = List.of(full(4, 2), full(0, 2), full(2, 2));
        assertThat(BestSegments.bestPerStart(input)).extracting(Segment::startMicros)
                .containsExactly(at(0), at(2), at(4));
    }

    @Test
    void firstSegmentMayStartBeforeTheRangeIfItContainsTheStart() throws Exception {
        assertThat(shape(select(List.of(full(0, 2), full(2, 2), full(4, 2)), 3, 6))).containsExactly("2-4", "4-6");
    }

    @Test
    void segmentEndingExactlyAtTheStartIsNotIncluded() throws Exception {
        assertThat(shape(select(List.of(full(0, 2), full(2, 2)), 2, 4))).containsExactly("2-4");
    }

    @Test
    void leadingHoleWhenTheFirstSegmentStartsAfterTheRangeStart() throws Exception {
        Selection s = select(List.of(full(5, 2), full(7, 2)), 3, 9);
        assertThat(shape(s)).containsExactly("HOLE", "5-7", "7-9");
        assertThat(s.firstHole()).isEqualTo(new Hole(at(3), at(5)));
    }

    @Test
    void segmentsEntirelyOutsideTheRangeAreIgnored() throws Exception {
        assertThat(shape(select(List.of(full(0, 2), full(20, 2)), 4, 10))).containsExactly("HOLE");
    }

    @Test
    void overlapBeyondToleranceIsSkipped() throws Exception {
        // 1.5-3.5 starts 0.5 s before 0-2 ends: skipped, then 2-4 joins cleanly.
        assertThat(shape(select(List.of(full(0, 2), full(1.5, 2), full(2, 2)), 0, 4))).containsExactly("0-2", "2-4");
    }

    @Test
    void overlapWithinToleranceIsKeptWithoutAHole() throws Exception {
        assertThat(shape(select(List.of(full(0, 2), full(1.995, 2)), 0, 3.995))).containsExactly("0-2", "1.995-3.995");
    }

    @Test
    void gapWithinToleranceIsNotAHole() throws Exception {
        assertThat(shape(select(List.of(full(0, 2), full(2.01, 2)), 0, 4.01))).containsExactly("0-2", "2.01-4.01");
    }

    @Test
    void gapBeyondToleranceIsAHole() throws Exception {
        assertThat(shape(select(List.of(full(0, 2), full(2.011, 2)), 0, 4.011)))
                .containsExactly("0-2", "HOLE", "2.011-4.011");
    }

    @Test
    void partialSegmentIsFollowedByHole() throws Exception {
        assertThat(shape(select(List.of(of(0, 2, SegmentType.PARTIAL), full(2, 2)), 0, 4)))
                .containsExactly("0-2", "HOLE", "2-4");
    }

    @Test
    void suspectSegmentIsFollowedByHole() throws Exception {
        Selection s = select(List.of(of(0, 2, SegmentType.SUSPECT), full(2, 2)), 0, 4);
        assertThat(shape(s)).containsExactly("0-2", "HOLE", "2-4");
        assertThat(s.firstHole()).isEqualTo(new Hole(at(2), at(2)));
    }

    @Test
    void trailingHoleWhenTheLastSegmentIsNotFull() throws Exception {
        assertThat(shape(select(List.of(full(0, 2), of(2, 2, SegmentType.PARTIAL)), 0, 4)))
                .containsExactly("0-2", "2-4", "HOLE");
    }

    @Test
    void trailingHoleWhenTheLastSegmentEndsBeforeTheEnd() throws Exception {
        assertThat(shape(select(List.of(full(0, 2)), 0, 3))).containsExactly("0-2", "HOLE");
    }

    @Test
    void nothingFoundIsOneHoleCoveringTheRange() throws Exception {
        Selection s = select(List.of(), 0, 3);
        assertThat(s.entries()).containsExactly(new Hole(at(0), at(3)));
        assertThat(s.isEmpty()).isTrue();
    }

    @Test
    void noTrailingHoleWhenTheLastFullSegmentReachesTheEnd() throws Exception {
        Selection s = select(List.of(full(0, 2), full(2, 2)), 0, 3);
        assertThat(shape(s)).containsExactly("0-2", "2-4");
        assertThat(s.hasHoles()).isFalse();
    }

    @Test
    void walkStopsReadingHoursOnceTheEndIsReached() throws Exception {
        AtomicInteger hoursRead = new AtomicInteger();
        List<List<Segment>> hours = List.of(List.of(full(0, 2), full(2, 2)), List.of(full(4, 2)), List.of(full(6, 2)));
        Iterable<List<Segment>> counting = () -> new Iterator<>() {
            final Iterator<List<Segment>> it = hours.iterator();

            public boolean hasNext() {
                return it.hasNext();
            }

            public List<Segment> next() {
                hoursRead.incrementAndGet();
                return it.next();
            }
        };
        Selection s = BestSegments.select(counting, at(0), at(3), true);
        assertThat(shape(s)).containsExactly("0-2", "2-4");
        assertThat(hoursRead).hasValue(1);
    }

    @Test
    void allowHolesFalseFailsAtTheFirstHoleWithoutReadingFurther() {
        AtomicInteger hoursRead = new AtomicInteger();
        Iterable<List<Segment>> hours = () -> new Iterator<>() {
            public boolean hasNext() {
                return true; // endless: only a fail-fast can stop this
            }

            public List<Segment> next() {
                int n = hoursRead.incrementAndGet();
                return n == 1 ? List.of(full(0, 2), full(10, 2)) : List.of();
            }
        };
        assertThatThrownBy(() -> BestSegments.select(hours, at(0), at(100), false))
                .isInstanceOf(ContainsHolesException.class).hasMessageContaining("hole from");
        assertThat(hoursRead).hasValue(1);
    }

    @Test
    void allowHolesFalseReturnsNormallyWithoutHoles() throws Exception {
        Selection s = BestSegments.select(List.of(BestSegments.bestPerStart(List.of(full(0, 2), full(2, 2)))),
                at(0), at(4), false);
        assertThat(s.hasHoles()).isFalse();
    }

    @Test
    void neverModifiesOrSortsTheCallersCollection() {
        List<Segment> input = new ArrayList<>(List.of(full(4, 2), full(0, 2), full(2, 2)));
        List<Segment> copy = List.copyOf(input);
        BestSegments.bestPerStart(input);
        assertThat(input).containsExactlyElementsOf(copy);
        // and an unmodifiable one is accepted
        BestSegments.bestPerStart(Collections.unmodifiableList(input));
    }

    @Test
    void acceptsAnyIterableNotJustCollections() {
        List<Segment> backing = List.of(full(2, 2), full(0, 2));
        Iterable<Segment> plain = backing::iterator;
        assertThat(BestSegments.bestPerStart(plain)).hasSize(2);
    }

    @Test
    void emptyOrReversedRangeIsRejected() {
        assertThatThrownBy(() -> select(List.of(), 5, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}

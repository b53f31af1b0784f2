package org.streamvault.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.streamvault.segments.Timestamps;

/**
 * The stores and ranges that every cut type must get right (SPEC §4, "What a cut must be"): each
 * {@link TestMedia.Kind} stored twice over, and each of the {@link Shape}s of request against them.
 * Shared by the library, HTTP and cutter tests so they judge the same cases with {@link CutChecker}.
 *
 * <p>Layout, per kind, under one base directory: channel {@link #channel(TestMedia.Kind)}, quality
 * {@code plain}: the kind's 24 s from {@link #T0}, then the same segments again right after (the
 * stream restarted: wall clock continuous, timestamps back to their start); quality {@code holey}:
 * the 24 s once, without its second segment.
 */
public final class CutMatrix {
    public static final long T0 = Timestamps.parseUtc("2026-11-20T14:00:00");

    private CutMatrix() {
    }

    /** What a request looks like: its ranges (seconds after {@link #T0}), quality and kept length. */
    public enum Shape {
        /** One range starting and ending inside segments. */
        ONE_RANGE,
        /** Two ranges, cut back to back. */
        TWO_RANGES,
        /** One range starting and ending exactly on segment boundaries. */
        ALIGNED,
        /** One range starting on a segment boundary and ending inside a segment. */
        ALIGNED_START,
        /** One range starting inside a segment and ending on a segment boundary. */
        ALIGNED_END,
        /** One range across a missing segment (allow_holes). */
        ACROSS_A_HOLE,
        /** One range across a restart of the stream (timestamps reset). */
        ACROSS_A_RESTART,
        /** One range starting inside a segment and ending exactly where the recording ends (no follower). */
        TO_THE_END;

        /** {@code {start, end}} pairs in seconds after {@link #T0}. */
        public List<double[]> ranges(TestMedia.Kind kind) {
            int s = kind.segmentSeconds;
            return switch (this) {
                case ONE_RANGE -> List.<double[]>of(new double[] {1.5, 9.25});
                case TWO_RANGES -> List.of(new double[] {1.5, 5.25}, new double[] {13.3, 17.0});
                case ALIGNED -> List.<double[]>of(new double[] {s, 3 * s});
                case ALIGNED_START -> List.<double[]>of(new double[] {s, 2 * s + 1.25});
                case ALIGNED_END -> List.<double[]>of(new double[] {1.5, 3 * s});
                case ACROSS_A_HOLE -> List.<double[]>of(new double[] {1.5, 2 * s + 3.25});
                case ACROSS_A_RESTART -> List.<double[]>of(new double[] {TestMedia.KIND_SECONDS - 5.5,
                        TestMedia.KIND_SECONDS + 3.25});
                case TO_THE_END -> List.<double[]>of(new double[] {2 * TestMedia.KIND_SECONDS - s - 1.5,
                        2 * TestMedia.KIND_SECONDS});
            };
        }

        public String quality() {
            return this == ACROSS_A_HOLE ? "holey" : "plain";
        }

        public boolean allowHoles() {
            return this == ACROSS_A_HOLE;
        }

        /** Seconds of video the cut must hold: the ranges minus what is missing from the store. */
        public double length(TestMedia.Kind kind) {
            double sum = 0;
            for (double[] r : ranges(kind)) {
                sum += r[1] - r[0];
            }
            return this == ACROSS_A_HOLE ? sum - kind.segmentSeconds : sum;
        }
    }

    /**
     * Requests with transitions, against the {@code plain} quality: ranges in seconds after
     * {@link #T0} and, per join, {@code {name, seconds}} or null for a hard cut.
     */
    public enum Joined {
        /** Two ranges, a one-second fade. */
        TWO_FADE(List.of(new double[] {1.5, 7.25}, new double[] {13.3, 19.0}), joins(new Join("fade", 1.0))),
        /** Three ranges, two fades. */
        THREE_FADES(List.of(new double[] {1.5, 5.25}, new double[] {8.2, 12.9}, new double[] {15.1, 20.0}),
                joins(new Join("fade", 0.5), new Join("fade", 1.0))),
        /** Two ranges, a wipe, the first range on segment boundaries. */
        WIPE(List.of(new double[] {6.0, 12.0}, new double[] {14.4, 19.6}), joins(new Join("wipeleft", 0.8))),
        /** A hard cut, then a fade. */
        HARD_THEN_FADE(List.of(new double[] {1.5, 5.25}, new double[] {13.3, 17.0}, new double[] {18.5, 23.0}),
                joins(null, new Join("fade", 1.0))),
        /** A middle range barely longer than the fades into and out of it. */
        SHORT_MIDDLE(List.of(new double[] {1.5, 6.0}, new double[] {9.3, 11.8}, new double[] {14.0, 19.0}),
                joins(new Join("fade", 1.0), new Join("fadeblack", 1.0)));

        public final List<double[]> ranges;
        /** Per join, null for a hard cut. */
        public final List<Join> transitions;

        Joined(List<double[]> ranges, List<Join> transitions) {
            this.ranges = ranges;
            this.transitions = transitions;
        }

        public List<Double> rangeSeconds() {
            return ranges.stream().map(r -> r[1] - r[0]).toList();
        }

        /** Per join, its seconds or null. */
        public List<Double> transitionSeconds() {
            return transitions.stream().map(t -> t == null ? null : t.seconds()).toList();
        }

        private static List<Join> joins(Join... joins) {
            return Arrays.asList(joins);
        }
    }

    /** A transition between two ranges of a {@link Joined} request. */
    public record Join(String name, double seconds) {
    }

    public static String channel(TestMedia.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Stores every kind as described in the class comment. */
    public static void store(Path baseDir) throws IOException, InterruptedException {
        for (TestMedia.Kind kind : TestMedia.Kind.values()) {
            StoreBuilder plain = new StoreBuilder(baseDir, channel(kind), "plain");
            plain.addKind(kind, T0);
            plain.addKind(kind, T0 + TestMedia.KIND_SECONDS * Timestamps.MICROS_PER_SECOND);
            new StoreBuilder(baseDir, channel(kind), "holey").addKind(kind, T0, 1);
        }
    }

    /** Microseconds {@code seconds} after {@link #T0}. */
    public static long at(double seconds) {
        return T0 + Math.round(seconds * Timestamps.MICROS_PER_SECOND);
    }

    /**
     * The cross of the matrix through {@link TestMedia.Kind#BFRAMES_2S}: every shape on that kind,
     * and every other kind on {@link Shape#ONE_RANGE} and {@link Shape#TWO_RANGES}. For the layers
     * above the cut library ({@code /cut} over HTTP, the cutter's uploads), which hand the library's
     * bytes on unchanged: each shape and each kind still passes through them, and the whole
     * {@link #cases()} matrix runs once, against the library ({@code CutContinuityTest}).
     */
    public static List<Object[]> crossCases() {
        List<Object[]> out = new ArrayList<>();
        for (Object[] c : cases()) {
            TestMedia.Kind kind = (TestMedia.Kind) c[0];
            Shape shape = (Shape) c[1];
            if (kind == TestMedia.Kind.BFRAMES_2S || shape == Shape.ONE_RANGE || shape == Shape.TWO_RANGES) {
                out.add(c);
            }
        }
        return out;
    }

    /** Every kind × shape. */
    public static List<Object[]> cases() {
        List<Object[]> out = new ArrayList<>();
        for (TestMedia.Kind kind : TestMedia.Kind.values()) {
            for (Shape shape : Shape.values()) {
                out.add(new Object[] {kind, shape});
            }
        }
        return out;
    }
}

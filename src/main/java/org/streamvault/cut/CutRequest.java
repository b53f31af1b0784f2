package org.streamvault.cut;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything a {@link Cutter} needs: the type, the ranges (cut back to back in list order, each
 * with its own selection), how each range passes into the next, and, for full re-encodes, the
 * encoding (null means the cutter's default for the type).
 *
 * <p>{@code transitions} has one entry per join, {@code parts.size() - 1} of them: entry {@code i}
 * joins range {@code i} to range {@code i + 1}, {@code null} for a hard cut. A transition may not
 * last longer than either range it joins, nor may the transitions at both ends of a range add up
 * to more than the range. {@link CutType#ROUGH} copies whole segments and cannot blend: a rough
 * request with a transition is refused.
 */
public record CutRequest(CutType type, List<CutPart> parts, List<Transition> transitions, Encoding encoding) {
    public CutRequest {
        parts = List.copyOf(parts);
        if (type == null) {
            throw new IllegalArgumentException("a cut request needs a type");
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a cut request needs at least one range");
        }
        // List.copyOf refuses nulls, and a null is a hard cut here
        transitions = transitions == null ? Collections.nCopies(parts.size() - 1, null)
                : Collections.unmodifiableList(new ArrayList<>(transitions));
        checkJoins(type, parts.stream().map(CutPart::range).toList(), transitions);
    }

    /** Ranges joined by hard cuts. */
    public CutRequest(CutType type, List<CutPart> parts, Encoding encoding) {
        this(type, parts, null, encoding);
    }

    /** Ranges joined by hard cuts, the type's default encoding. */
    public CutRequest(CutType type, List<CutPart> parts) {
        this(type, parts, null, null);
    }

    /** True when not one segment was selected in any range: there is nothing to cut. */
    public boolean isEmpty() {
        return parts.stream().allMatch(p -> p.selection().isEmpty());
    }

    /** True when at least one join is a transition rather than a hard cut. */
    public boolean hasTransitions() {
        return transitions.stream().anyMatch(t -> t != null);
    }

    /** The transition into range {@code i} from the one before, or null (a hard cut, or the first range). */
    Transition before(int i) {
        return i == 0 ? null : transitions.get(i - 1);
    }

    /** The transition out of range {@code i} into the next, or null (a hard cut, or the last range). */
    Transition after(int i) {
        return i == transitions.size() ? null : transitions.get(i);
    }

    /**
     * The rules the constructor holds {@code transitions} to (see the class comment), for a caller
     * that wants to refuse a request before selecting its segments.
     *
     * @param transitions one per join, null entries for hard cuts; a null list means hard cuts throughout
     * @throws IllegalArgumentException naming the broken rule
     */
    public static void checkJoins(CutType type, List<CutRange> ranges, List<Transition> transitions) {
        if (transitions == null) {
            return;
        }
        if (transitions.size() != ranges.size() - 1) {
            throw new IllegalArgumentException("a cut of " + ranges.size() + " ranges needs " + (ranges.size() - 1)
                    + " transitions (one per join, empty for a hard cut), not " + transitions.size());
        }
        boolean any = transitions.stream().anyMatch(t -> t != null);
        if (any && type == CutType.ROUGH) {
            throw new IllegalArgumentException("a rough cut copies whole segments and cannot make transitions;"
                    + " use fast, smart, mpegts or mp4");
        }
        for (int i = 0; i < ranges.size(); i++) {
            long length = ranges.get(i).durationMicros();
            long in = i == 0 || transitions.get(i - 1) == null ? 0 : transitions.get(i - 1).durationMicros();
            long out = i == transitions.size() || transitions.get(i) == null ? 0 : transitions.get(i).durationMicros();
            if (in > length || out > length) {
                throw new IllegalArgumentException("transition of " + FfmpegCommands.seconds(Math.max(in, out))
                        + " s is longer than range " + (i + 1) + " (" + FfmpegCommands.seconds(length) + " s)");
            }
            if (in + out > length) {
                throw new IllegalArgumentException("the transitions into and out of range " + (i + 1) + " last "
                        + FfmpegCommands.seconds(in + out) + " s together, longer than the range ("
                        + FfmpegCommands.seconds(length) + " s)");
            }
        }
    }
}

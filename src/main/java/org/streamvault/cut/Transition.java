package org.streamvault.cut;

import java.util.Locale;
import org.streamvault.segments.Timestamps;

/**
 * How one range of a cut passes into the next, when it is not a hard cut (a hard cut is a
 * {@code null} in {@link CutRequest#transitions()}): the last {@code durationMicros} of the first
 * range and the first {@code durationMicros} of the second are played at the same time, blended
 * by ffmpeg's {@code xfade} transition {@code name}, their audio cross-faded ({@code acrossfade})
 * over the same span. The cut is that much shorter than its ranges added up.
 *
 * @param name           an ffmpeg {@code xfade} transition, one of {@link TransitionTypes#all()}
 * @param durationMicros how long the two ranges overlap, more than zero
 */
public record Transition(String name, long durationMicros) {
    public Transition {
        if (!TransitionTypes.isKnown(name)) {
            throw new IllegalArgumentException("unknown transition '" + name + "' (GET /thrimshim/transitions lists them)");
        }
        if (durationMicros <= 0) {
            throw new IllegalArgumentException("a transition must last more than zero seconds");
        }
    }

    /** A transition of {@code seconds} (rounded to the microsecond), as the editor and {@code /cut} give it. */
    public static Transition of(String name, double seconds) {
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("a transition must last more than zero seconds, not " + seconds);
        }
        return new Transition(name, Math.round(seconds * Timestamps.MICROS_PER_SECOND));
    }

    public double seconds() {
        return durationMicros / (double) Timestamps.MICROS_PER_SECOND;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s,%s", name, FfmpegCommands.seconds(durationMicros));
    }
}

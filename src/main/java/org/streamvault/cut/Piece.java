package org.streamvault.cut;

import java.util.ArrayList;
import java.util.List;
import org.streamvault.segments.Hole;
import org.streamvault.segments.Segment;
import org.streamvault.segments.SelectionEntry;

/**
 * The part of one segment that a cut keeps: from {@code fromMicros} to {@code toMicros}, both
 * measured from the segment's own start. Most pieces are whole segments; only the first and last
 * of a range are trimmed, when the range starts or ends inside them.
 */
record Piece(Segment segment, long fromMicros, long toMicros) {

    boolean isWhole() {
        return fromMicros == 0 && toMicros >= segment.durationMicros();
    }

    long keptMicros() {
        return toMicros - fromMicros;
    }

    /**
     * The pieces of one part in time order, in groups that join without a hole (the selection's
     * {@link Hole} entries separate them); empty groups are left out.
     */
    static List<List<Piece>> contiguous(CutPart part) {
        List<List<Piece>> out = new ArrayList<>();
        List<Piece> current = new ArrayList<>();
        for (SelectionEntry entry : part.selection().entries()) {
            if (entry instanceof Hole && !current.isEmpty()) {
                out.add(current);
                current = new ArrayList<>();
            } else if (entry instanceof Segment s) {
                Piece p = of(part.range(), s);
                if (p != null) {
                    current.add(p);
                }
            }
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    /** The part of {@code s} inside {@code range}, or null when they share nothing. */
    private static Piece of(CutRange range, Segment s) {
        long from = Math.max(range.startMicros(), s.startMicros()) - s.startMicros();
        long to = Math.min(range.endMicros(), s.endMicros()) - s.startMicros();
        return to > from ? new Piece(s, from, to) : null;
    }
}

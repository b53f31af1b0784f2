package org.streamvault.cut;

import java.util.ArrayList;
import java.util.List;
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
     * The pieces of one part in time order; holes are skipped, and so is any segment that
     * shares nothing with the range.
     */
    static List<Piece> of(CutPart part) {
        long start = part.range().startMicros();
        long end = part.range().endMicros();
        List<Piece> out = new ArrayList<>();
        for (SelectionEntry entry : part.selection().entries()) {
            if (entry instanceof Segment s) {
                long from = Math.max(start, s.startMicros()) - s.startMicros();
                long to = Math.min(end, s.endMicros()) - s.startMicros();
                if (to > from) {
                    out.add(new Piece(s, from, to));
                }
            }
        }
        return out;
    }
}

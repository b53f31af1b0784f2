package org.streamvault.cut;

import org.streamvault.segments.Selection;

/**
 * One range of a cut with the segments chosen for it: the {@link Selection} that
 * {@code SegmentStore.select} returned for exactly this range. Holes in the selection are
 * skipped (the caller decided whether holes are acceptable when it selected).
 */
public record CutPart(CutRange range, Selection selection) {
    public CutPart {
        if (range == null || selection == null) {
            throw new IllegalArgumentException("a cut part needs a range and its selection");
        }
    }
}

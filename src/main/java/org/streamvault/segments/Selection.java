package org.streamvault.segments;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The result of {@link BestSegments#select}: segments in time order, with an explicit
 * {@link Hole} wherever continuity is not guaranteed.
 *
 * <p>Two segments next to each other join without a gap (within the 10 ms tolerance). Unless
 * the first entry is a hole, the first segment starts at or before the range start; unless the
 * last entry is a hole, the last segment ends at or after the range end. A suspect or partial
 * segment is always followed by a hole.
 */
public final class Selection {
    private final List<SelectionEntry> entries;
    private final boolean hasHoles;

    Selection(List<SelectionEntry> entries) {
        this.entries = Collections.unmodifiableList(entries);
        this.hasHoles = entries.stream().anyMatch(Hole.class::isInstance);
    }

    public List<SelectionEntry> entries() {
        return entries;
    }

    public boolean hasHoles() {
        return hasHoles;
    }

    /** True when no segment at all was found in the range. */
    public boolean isEmpty() {
        return entries.stream().noneMatch(Segment.class::isInstance);
    }

    /** The segments alone, in order. */
    public List<Segment> segments() {
        List<Segment> out = new ArrayList<>(entries.size());
        for (SelectionEntry entry : entries) {
            if (entry instanceof Segment s) {
                out.add(s);
            }
        }
        return out;
    }

    /** The first hole, for a message; {@code null} if there is none. */
    public Hole firstHole() {
        for (SelectionEntry entry : entries) {
            if (entry instanceof Hole h) {
                return h;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}

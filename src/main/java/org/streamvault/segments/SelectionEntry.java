package org.streamvault.segments;

/** One item of a {@link Selection}: a {@link Segment} or a {@link Hole}. */
public sealed interface SelectionEntry permits Segment, Hole {
}

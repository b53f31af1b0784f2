package org.streamvault.cut;

import java.util.List;

/**
 * Everything a {@link Cutter} needs: the type, the ranges (cut back to back in list order, each
 * with its own selection) and, for full re-encodes, the encoding (null means the cutter's
 * default for the type).
 */
public record CutRequest(CutType type, List<CutPart> parts, Encoding encoding) {
    public CutRequest {
        parts = List.copyOf(parts);
        if (type == null) {
            throw new IllegalArgumentException("a cut request needs a type");
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a cut request needs at least one range");
        }
    }

    public CutRequest(CutType type, List<CutPart> parts) {
        this(type, parts, null);
    }

    /** True when not one segment was selected in any range: there is nothing to cut. */
    public boolean isEmpty() {
        return parts.stream().allMatch(p -> p.selection().isEmpty());
    }
}

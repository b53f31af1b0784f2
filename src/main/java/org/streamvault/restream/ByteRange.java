package org.streamvault.restream;

/**
 * A single {@code Range: bytes=...} request resolved against a file size.
 *
 * @param first first byte, inclusive
 * @param last  last byte, inclusive
 */
record ByteRange(long first, long last) {

    long length() {
        return last - first + 1;
    }

    /**
     * The range to serve, {@code null} to serve the whole file (no header, a multi-range or a
     * malformed header, which RFC 9110 lets a server ignore).
     *
     * @throws HttpProblem 416 when the range lies wholly past the end of the file
     */
    static ByteRange parse(String header, long size) {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return null;
        }
        String spec = header.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix <= 0) {
                    throw unsatisfiable(size);
                }
                return new ByteRange(Math.max(0, size - suffix), size - 1);
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
            if (first < 0 || (!b.isEmpty() && Long.parseLong(b) < first)) {
                return null;
            }
            if (first >= size) {
                throw unsatisfiable(size);
            }
            return new ByteRange(first, last);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static HttpProblem unsatisfiable(long size) {
        return new HttpProblem(416, "range not satisfiable: the file has " + size + " bytes");
    }
}

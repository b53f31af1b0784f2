package org.streamvault.restream;

/**
 * Whether a request path, exactly as the client sent it, has a dot segment ({@code .} or
 * {@code ..}) anywhere, percent-encoded or not ({@code %2e%2e}, {@code .%2E}, {@code %2e}),
 * also behind an encoded slash or a backslash ({@code ..%2f}, {@code ..\}). SPEC §4 refuses
 * such paths; the HTTP router would otherwise resolve them ({@code /files/chan/%2e%2e} is
 * {@code /files}) before any processor could see them.
 */
public final class DotSegments {
    private DotSegments() {
    }

    /** {@code rawUri}: the request target as sent (path and optional query); the query is not checked. */
    public static boolean present(String rawUri) {
        if (rawUri == null) {
            return false;
        }
        int q = rawUri.indexOf('?');
        String path = q < 0 ? rawUri : rawUri.substring(0, q);
        int hash = path.indexOf('#');
        if (hash >= 0) {
            path = path.substring(0, hash);
        }
        // decode a few times: a proxy in front may decode once more than we do
        for (int round = 0; round < 3; round++) {
            if (hasDotSegment(path)) {
                return true;
            }
            String decoded = percentDecode(path);
            if (decoded.equals(path)) {
                return false;
            }
            path = decoded;
        }
        return hasDotSegment(path);
    }

    private static boolean hasDotSegment(String path) {
        int start = 0;
        for (int i = 0; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/' || path.charAt(i) == '\\') {
                String segment = path.substring(start, i);
                if (segment.equals(".") || segment.equals("..")) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    /** Decodes %XX escapes byte-wise as Latin-1 (enough to find dots and slashes); leaves bad escapes as they are. */
    private static String percentDecode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.append((char) (hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2))));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}

package org.streamvault.backfill;

/**
 * A node to copy segments from.
 *
 * @param name the node's name when a node file or the database gave one, else {@code null};
 *             used to exclude this node itself and as the {@code peer} metric label
 * @param url  the peer's base URL ({@code http://10.0.0.2:8000}), without a trailing slash
 */
public record Peer(String name, String url) {
    public Peer {
        url = normalizeUrl(url);
    }

    /** A peer known by its URL only. */
    public static Peer ofUrl(String url) {
        return new Peer(null, url);
    }

    /** What logs and metrics call this peer: its name, else its URL's host and port. */
    public String label() {
        if (name != null && !name.isEmpty()) {
            return name;
        }
        int scheme = url.indexOf("://");
        return scheme < 0 ? url : url.substring(scheme + 3);
    }

    /** Trims blanks and trailing slashes, and refuses anything that is not an http(s) URL. */
    static String normalizeUrl(String url) {
        String u = url == null ? "" : url.strip();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        if (!(u.startsWith("http://") || u.startsWith("https://")) || u.length() <= "https://".length()) {
            throw new IllegalArgumentException("peer URL must look like http://host:port, got '" + url + "'");
        }
        for (int i = 0; i < u.length(); i++) {
            if (Character.isWhitespace(u.charAt(i))) {
                throw new IllegalArgumentException("peer URL may not contain blanks: '" + url + "'");
            }
        }
        return u;
    }
}

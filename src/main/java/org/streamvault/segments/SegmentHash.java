package org.streamvault.segments;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** The hash field of a segment name: SHA-256, URL-safe base64 ({@code -_}), padding stripped. */
public final class SegmentHash {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private SegmentHash() {
    }

    /** A fresh SHA-256 digest to feed bytes into as they arrive. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** The name form of a finished digest. */
    public static String encode(byte[] digest) {
        return ENCODER.encodeToString(digest);
    }

    /** The hash bytes behind a name's hash field (which must be {@link #isValid valid}). */
    public static byte[] decode(String hash) {
        return DECODER.decode(hash);
    }

    /**
     * True for non-empty unpadded URL-safe base64 of whole bytes. Any length is accepted, as
     * peers running older software may use other digests; what matters is that it decodes.
     */
    public static boolean isValid(String hash) {
        return isValid(hash, 0, hash.length());
    }

    /** {@link #isValid(String)} of {@code s[from, to)}. */
    static boolean isValid(String hash, int from, int to) {
        int n = to - from;
        if (n <= 0 || n % 4 == 1) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = hash.charAt(i);
            if (c >= 128 || !ALPHABET[c]) {
                return false;
            }
        }
        return true;
    }

    /** A table, not a chain of range tests: this check runs for every name of every listing. */
    private static final boolean[] ALPHABET = new boolean[128];

    static {
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < chars.length(); i++) {
            ALPHABET[chars.charAt(i)] = true;
        }
    }
}

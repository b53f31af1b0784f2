package org.streamvault.backfill;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a peer's {@code /files...} answer: a JSON array of strings and nothing else. The body is
 * read through a byte limit, so a peer that sends an endless or huge body cannot fill memory;
 * anything else (an object, numbers, HTML, truncated JSON) is an {@link IOException} with one
 * readable line.
 */
public final class RemoteListing {
    /** Far above a real hour listing (~1,800 names of ~80 bytes). */
    public static final long MAX_BYTES = 8L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private RemoteListing() {
    }

    public static List<String> parse(InputStream body, String what) throws IOException {
        if (body == null) {
            throw new IOException(what + ": empty answer where a JSON list of names was expected");
        }
        List<String> names = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(new Limited(body, MAX_BYTES))) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw notAList(what);
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.VALUE_STRING) {
                names.add(parser.getText());
            }
            if (token != JsonToken.END_ARRAY || parser.nextToken() != null) {
                throw notAList(what);
            }
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw notAList(what);
        }
        return names;
    }

    private static IOException notAList(String what) {
        return new IOException(what + ": answer is not a JSON list of names");
    }

    /** Fails once more than {@code limit} bytes have been read. */
    private static final class Limited extends FilterInputStream {
        private long left;

        Limited(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int n = super.read(buffer, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            left -= n;
            if (left < 0) {
                throw new IOException("answer is larger than " + MAX_BYTES + " bytes");
            }
        }
    }
}

package org.streamvault.editor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.streamvault.restream.HttpProblem;
import org.streamvault.segments.Timestamps;

/**
 * A request's JSON object with typed accessors that refuse wrong types in one line (400),
 * so a handler never meets a {@code ClassCastException} or a half-read value.
 */
final class JsonBody {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** Far above any real edit (a 5000-character description), far below memory trouble. */
    static final int MAX_BYTES = 64 * 1024;

    private final ObjectNode node;

    private JsonBody(ObjectNode node) {
        this.node = node;
    }

    /** Parses a request body; an absent or empty body is an empty object (a token may come by header). */
    static JsonBody parse(byte[] body) {
        return parse(body, MAX_BYTES);
    }

    /** As {@link #parse(byte[])}, for bodies that may carry images (base64) up to {@code maxBytes} in all. */
    static JsonBody parse(byte[] body, int maxBytes) {
        if (body == null || body.length == 0) {
            return new JsonBody(JsonNodeFactory.instance.objectNode());
        }
        if (body.length > maxBytes) {
            throw new HttpProblem(413, "request body is " + body.length + " bytes; the limit is " + maxBytes);
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw HttpProblem.badRequest("body is not valid JSON: "
                    + String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse(""));
        } catch (java.io.IOException e) {
            throw HttpProblem.badRequest("body could not be read: " + e.getMessage());
        }
        if (!(tree instanceof ObjectNode object)) {
            throw HttpProblem.badRequest("body must be a JSON object");
        }
        return new JsonBody(object);
    }

    boolean has(String field) {
        return node.has(field);
    }

    JsonNode raw(String field) {
        return node.get(field);
    }

    /** A string, or {@code null} when absent or null. */
    String string(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw HttpProblem.badRequest(field + " must be a string");
        }
        return text(field, v.textValue());
    }

    /** PostgreSQL text cannot hold NUL; refuse it here rather than fail in the database. */
    private static String text(String field, String value) {
        if (value.indexOf('\0') >= 0) {
            throw HttpProblem.badRequest(field + " must not contain NUL characters");
        }
        return value;
    }

    /** A boolean, or {@code null} when absent or null. */
    Boolean bool(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw HttpProblem.badRequest(field + " must be true or false");
        }
        return v.booleanValue();
    }

    /** A list of strings, or {@code null} when absent or null. */
    List<String> strings(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw HttpProblem.badRequest(field + " must be a list of strings");
        }
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw HttpProblem.badRequest(field + " must be a list of strings");
            }
            out.add(text(field, item.textValue()));
        }
        return out;
    }

    /** An ISO-8601 UTC time in microseconds, or {@code null} when absent or null. */
    Long time(String field) {
        String text = string(field);
        return text == null ? null : parseTime(field, text);
    }

    static long parseTime(String field, String text) {
        // Python's isoformat() of an aware UTC time ends in +00:00; that is UTC too.
        String t = text.endsWith("+00:00") ? text.substring(0, text.length() - 6) : text;
        try {
            return Timestamps.parseUtc(t);
        } catch (RuntimeException e) {
            throw HttpProblem.badRequest(field + " must be an ISO-8601 UTC time like 2026-11-20T14:05:42.125Z, not '"
                    + abbreviate(text) + "'");
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}

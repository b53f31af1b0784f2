package org.streamvault.events;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One thing that happened on the node: its type and its fields, which become the exchange's
 * headers (and, as a map, its body). Field values are strings, numbers or booleans; a null
 * value is left out, so a subscriber tests for a header's presence, never for "null".
 */
public record NodeEvent(EventType type, Map<String, Object> fields) {
    public NodeEvent {
        Map<String, Object> copy = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        fields = Collections.unmodifiableMap(copy);
    }

    /** An event from {@code key, value, key, value...} pairs. */
    public static NodeEvent of(EventType type, Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("fields come in key, value pairs");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            fields.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new NodeEvent(type, fields);
    }
}

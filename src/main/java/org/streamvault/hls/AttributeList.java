package org.streamvault.hls;

import java.util.HashMap;
import java.util.Map;

/** An RFC 8216 attribute list ({@code KEY=value,KEY="quoted, with commas"}) as a map. */
final class AttributeList {
    private AttributeList() {
    }

    static Map<String, String> parse(String text) {
        Map<String, String> out = new HashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = text.substring(i, eq).trim();
            int j = eq + 1;
            String value;
            if (j < n && text.charAt(j) == '"') {
                int close = text.indexOf('"', j + 1);
                if (close < 0) {
                    close = n;
                }
                value = text.substring(j + 1, close);
                j = close + 1;
                int comma = text.indexOf(',', j);
                j = comma < 0 ? n : comma;
            } else {
                int comma = text.indexOf(',', j);
                int end = comma < 0 ? n : comma;
                value = text.substring(j, end).trim();
                j = end;
            }
            out.put(key, value);
            i = j + 1;
        }
        return out;
    }
}

package org.streamvault.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Escaping for the server-rendered pages: every name from the store or a request goes through here. */
final class Html {
    private Html() {
    }

    /** Text for an element body or a double-quoted attribute. */
    static String text(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** One path segment or query value, percent-encoded (spaces as %20, not '+'). */
    static String url(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The start of every page: doctype, title, the shared style sheet and, if given, the page's script. */
    static StringBuilder page(String title, String script) {
        StringBuilder html = new StringBuilder(8192);
        html.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(text(title)).append("</title>\n")
                .append("<link rel=\"stylesheet\" href=\"/pages/pages.css\">\n");
        if (script != null) {
            html.append(script);
        }
        return html.append("</head>\n<body>\n");
    }
}

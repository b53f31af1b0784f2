package org.streamvault.coverage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.streamvault.restream.ApiProcessor;
import org.streamvault.segments.Timestamps;

/** {@code GET /coverage/}: a small HTML page showing every coverage map on disk, per channel/quality. */
public class CoveragePageProcessor extends ApiProcessor {
    private final CoverageChecker checker;

    public CoveragePageProcessor(CoverageChecker checker) {
        this.checker = checker;
    }

    @Override
    protected void handle(Request request, Message response) {
        StringBuilder html = new StringBuilder(4096);
        html.append("<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Coverage</title>\n")
                .append("<style>body{font-family:sans-serif}img{image-rendering:pixelated;height:600px;")
                .append("border:1px solid #888}.k{display:inline-block;width:1em;height:1em;margin:0 .3em}</style>")
                .append("</head><body>\n<h1>Segment coverage</h1>\n<p>One pixel per ")
                .append(CoverageMap.PIXEL_SECONDS).append(" s, one column per ").append(CoverageMap.COLUMN_MINUTES)
                .append(" minutes (top to bottom), hours left to right, UTC. ")
                .append(key(CoverageMap.FULL, "full")).append(key(CoverageMap.PARTIAL, "partial only"))
                .append(key(CoverageMap.MISSING, "missing")).append(key(CoverageMap.FUTURE, "not yet"))
                .append("</p>\n");
        List<String[]> maps = maps();
        if (maps.isEmpty()) {
            html.append("<p>No coverage maps yet: the checker writes them every run when coverage is enabled.</p>\n");
        }
        String channel = null;
        for (String[] m : maps) {
            if (!m[0].equals(channel)) {
                channel = m[0];
                html.append("<h2>").append(escape(channel)).append("</h2>\n");
            }
            html.append("<h3>").append(escape(m[1])).append("</h3>\n");
            CoverageChecker.MapInfo info = checker.mapInfo().get(m[0] + "/" + m[1]);
            if (info != null) {
                html.append("<p>The newest ").append(info.hours()).append(" hour(s) with data, ")
                        .append(Timestamps.formatHour(info.firstHourMicros())).append(" to ")
                        .append(Timestamps.formatHour(info.lastHourMicros()));
                if (info.skippedHours() > 0) {
                    html.append(" (").append(info.skippedHours()).append(" hour(s) without data between them left out)");
                }
                html.append(", drawn at ").append(Timestamps.formatIso(info.renderedAtMicros())).append("</p>\n");
            }
            html.append("<img alt=\"coverage of ").append(escape(m[0] + "/" + m[1])).append("\" src=\"/coverage/")
                    .append(url(m[0])).append('/').append(url(m[1])).append(".png\">\n");
        }
        html.append("</body></html>\n");
        response.setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
        response.setBody(request.isHead() ? null : html.toString());
    }

    /** {channel, quality} of every map file, sorted. */
    private List<String[]> maps() {
        List<String[]> out = new ArrayList<>();
        for (String channel : names(checker.mapsDir(), true)) {
            for (String file : names(checker.mapsDir().resolve(channel), false)) {
                if (file.endsWith(".png")) {
                    out.add(new String[] {channel, file.substring(0, file.length() - 4)});
                }
            }
        }
        return out;
    }

    private static List<String> names(Path dir, boolean directories) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                String name = p.getFileName().toString();
                if (!name.startsWith(".") && Files.isDirectory(p) == directories) {
                    names.add(name);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Collections.sort(names);
        return names;
    }

    private static String key(int rgb, String label) {
        return String.format("<span class=\"k\" style=\"background:#%06x\"></span>%s ", rgb, label);
    }

    private static String url(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

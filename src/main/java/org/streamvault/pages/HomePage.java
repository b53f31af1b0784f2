package org.streamvault.pages;

import java.util.List;
import java.util.Map;
import org.streamvault.segments.Timestamps;

/**
 * {@code GET /}: the node at a glance, rendered on the server as plain HTML (readable without
 * JavaScript): name, version, components, and per channel/quality what it holds with links to
 * the player. {@code home.js} only adds how long ago the newest segment ended.
 */
public final class HomePage {
    private HomePage() {
    }

    /**
     * @param strip shades the hour links of the newest two days, or {@code null} when the
     *              coverage component does not run
     */
    public static String render(NodeInfo node, List<StreamSummary> streams, CoverageStrip strip, long nowMicros) {
        StringBuilder html = Html.page("Streamvault · " + node.name(),
                "<script src=\"/pages/home.js\" defer></script>\n");
        html.append("<header><h1>Streamvault node <span id=\"node-name\">").append(Html.text(node.name()))
                .append("</span></h1>\n<p>version <span id=\"node-version\">").append(Html.text(node.version()))
                .append("</span></p>\n<nav id=\"links\">");
        if (node.runs("editor")) {
            html.append("<a href=\"/editor/\">Editor</a> ");
        }
        if (node.runs("coverage")) {
            html.append("<a href=\"/coverage/\">Coverage maps</a> ");
        }
        if (node.runs("metrics")) {
            html.append("<a href=\"/metrics\">Metrics</a> ");
        }
        html.append("<a href=\"/observe/health\">Health</a></nav>\n</header>\n");
        components(html, node.components());
        html.append("<main>\n<h2>Recordings</h2>\n");
        if (streams.isEmpty()) {
            html.append("<p id=\"no-recordings\">Nothing recorded yet.")
                    .append(node.runs("downloader") ? " The downloader is running; the first segments appear here."
                            : " This node does not run the downloader; segments arrive from a backfiller or by copying.")
                    .append("</p>\n");
        }
        String channel = null;
        for (StreamSummary s : streams) {
            if (!s.channel().equals(channel)) {
                html.append(channel == null ? "" : "</tbody></table>\n</section>\n");
                channel = s.channel();
                html.append("<section class=\"channel\">\n<h3>").append(Html.text(channel)).append("</h3>\n")
                        .append("<table class=\"streams\"><thead><tr><th>Quality</th><th>First (UTC)</th>")
                        .append("<th>Newest (UTC)</th><th>Hours</th></tr></thead><tbody>\n");
            }
            stream(html, s, strip, nowMicros);
        }
        if (channel != null) {
            html.append("</tbody></table>\n</section>\n");
        }
        html.append("</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void components(StringBuilder html, Map<String, Boolean> components) {
        html.append("<section id=\"components\"><h2>Components</h2><ul>");
        components.forEach((name, on) -> html.append("<li class=\"").append(on ? "on" : "off").append("\">")
                .append(Html.text(name)).append(on ? ": on" : ": off").append("</li>"));
        html.append("</ul></section>\n");
    }

    private static void stream(StringBuilder html, StreamSummary s, CoverageStrip strip, long nowMicros) {
        String watch = WatchPage.path(s.channel(), s.quality());
        html.append("<tr class=\"stream\" data-channel=\"").append(Html.text(s.channel())).append("\" data-quality=\"")
                .append(Html.text(s.quality())).append("\"><td><a class=\"watch\" href=\"").append(watch).append("\">")
                .append(Html.text(s.quality())).append("</a></td><td>").append(time(s.firstMicros()))
                .append("</td><td class=\"newest\"");
        if (s.newestEndMicros() != null) {
            html.append(" data-newest=\"").append(Timestamps.formatIso(s.newestEndMicros())).append('"');
        }
        html.append('>').append(time(s.newestEndMicros())).append("</td><td>").append(s.hourStarts().size())
                .append("</td></tr>\n<tr class=\"detail\"><td colspan=\"4\">");
        hours(html, s, strip, nowMicros);
        if (strip != null) {
            html.append("<p class=\"hint\">Hours shaded by coverage: <span class=\"hour full\">full</span>")
                    .append(" <span class=\"hour partial\">partial</span> <span class=\"hour missing\">missing</span>;")
                    .append(" <a href=\"/coverage/\">coverage map</a></p>");
        }
        html.append("</td></tr>\n");
    }

    /** The hours as player links, one line per day; days beyond the newest two fold away (unshaded). */
    private static void hours(StringBuilder html, StreamSummary s, CoverageStrip strip, long nowMicros) {
        String watch = WatchPage.path(s.channel(), s.quality());
        List<Long> hours = s.hourStarts();
        if (hours.isEmpty()) {
            html.append("<p class=\"hours\">no hours yet</p>");
            return;
        }
        long newestDay = Math.floorDiv(hours.get(hours.size() - 1), Timestamps.MICROS_PER_DAY);
        boolean folded = false;
        long day = Long.MIN_VALUE;
        html.append("<div class=\"hours\">");
        for (int i = hours.size() - 1; i >= 0; i--) {
            long hour = hours.get(i);
            long d = Math.floorDiv(hour, Timestamps.MICROS_PER_DAY);
            if (d != day) {
                if (day != Long.MIN_VALUE) {
                    html.append("</p>");
                }
                if (!folded && d < newestDay - 1) {
                    html.append("<details><summary>older days</summary>");
                    folded = true;
                }
                day = d;
                html.append("<p class=\"day\"><span class=\"date\">").append(Timestamps.formatHour(hour), 0, 10)
                        .append("</span> ");
            }
            String name = Timestamps.formatHour(hour);
            CoverageStrip.Shade shade = strip == null || folded ? null : strip.shade(s, hour, nowMicros);
            html.append("<a class=\"hour").append(shade == null ? "" : " " + shade.cssClass()).append("\" href=\"")
                    .append(watch).append("?start=")
                    .append(Html.url(Timestamps.formatIso(hour))).append("&amp;end=")
                    .append(Html.url(Timestamps.formatIso(hour + Timestamps.MICROS_PER_HOUR))).append("\" title=\"")
                    .append(name).append(":00–").append(name, 11, 13).append(":59 UTC")
                    .append(shade == null ? "" : ": " + shade.title()).append("\">").append(name, 11, 13)
                    .append("</a> ");
        }
        html.append("</p>").append(folded ? "</details>" : "").append("</div>");
    }

    private static String time(Long micros) {
        return micros == null ? "–" : "<time>" + Timestamps.formatIso(micros).substring(0, 19).replace('T', ' ') + "</time>";
    }
}

package org.streamvault.pages;

import java.util.List;
import org.streamvault.cut.CutType;
import org.streamvault.segments.Timestamps;

/**
 * {@code GET /watch/{channel}/{quality}}: the player page. Rendered on the server, so the range,
 * the playlist link and the download links are there without JavaScript; {@code watch.js} plays
 * the playlist with hls.js, shows the wall-clock time and follows the live edge.
 *
 * <p>Live (no start, no end): the playlist starts {@link #LIVE_WINDOW_MICROS} before the newest
 * segment and has no end, so hls.js follows its tail; the download links cover the
 * {@link #LIVE_DOWNLOAD_MICROS} before the newest segment. A range plays from its start; a range
 * without end stays open. Download links cover what is held of the range: from the first
 * segment at the earliest, to the newest segment's end at the latest.
 */
public final class WatchPage {
    /** How far back a live viewer can seek without picking a range. */
    static final long LIVE_WINDOW_MICROS = 30 * Timestamps.MICROS_PER_MINUTE;
    /** What "download" offers while watching live. */
    static final long LIVE_DOWNLOAD_MICROS = 10 * Timestamps.MICROS_PER_MINUTE;

    private WatchPage() {
    }

    /** The player's path for a channel/quality, percent-encoded. */
    public static String path(String channel, String quality) {
        return "/watch/" + Html.url(channel) + "/" + Html.url(quality);
    }

    /**
     * @param stream    what the store holds of this channel/quality
     * @param qualities every quality of the channel (the switcher shows when there are several)
     * @param startText the start field as given (null if none), shown again in the form
     * @param range     the fields resolved
     */
    public static String render(String nodeName, StreamSummary stream, List<String> qualities, String startText,
            String endText, RangeInput.Range range, long nowMicros) {
        String channel = stream.channel();
        String quality = stream.quality();
        boolean live = range.live();
        Long newest = stream.newestEndMicros();
        long playStart = live ? liveStart(stream, nowMicros) : range.startMicros();
        String playlist = "/playlist/" + Html.url(channel) + "/" + Html.url(quality) + ".m3u8?start="
                + Html.url(Timestamps.formatIso(playStart))
                + (range.endMicros() == null ? "" : "&end=" + Html.url(Timestamps.formatIso(range.endMicros())));

        StringBuilder html = Html.page(channel + "/" + quality + " · Streamvault",
                "<script src=\"/pages/hls.min.js\"></script>\n<script src=\"/pages/watch.js\" defer></script>\n");
        html.append("<header><p>← <a id=\"home\" href=\"/\">").append(Html.text(nodeName)).append("</a></p>\n<h1>")
                .append(Html.text(channel)).append(" / ").append(Html.text(quality)).append("</h1>\n");
        qualitySwitcher(html, channel, quality, qualities, startText, endText);
        html.append("</header>\n<main>\n<p id=\"what\">").append(live ? "Live: following the newest segment."
                : "Range " + span(range.startMicros(), range.endMicros())).append("</p>\n");
        html.append("<video id=\"video\" controls muted playsinline data-mode=\"").append(live ? "live" : "range")
                .append("\" data-playlist=\"").append(Html.text(playlist)).append("\" data-start=\"")
                .append(Timestamps.formatIso(playStart)).append("\"></video>\n");
        html.append("<div class=\"status\">Playhead (UTC): <strong id=\"clock\">–</strong> <span id=\"live-state\"></span> ")
                .append("<button type=\"button\" id=\"go-live\">Go live</button></div>\n")
                .append("<p id=\"message\" class=\"message\" role=\"alert\" hidden></p>\n")
                .append("<noscript><p class=\"message\">The player needs JavaScript. Without it, open the playlist")
                .append(" below in ffplay, VLC or mpv, or download the range.</p></noscript>\n");
        form(html, channel, quality, startText, endText);
        downloads(html, stream, range, live, newest);
        html.append("<p>Playlist: <a id=\"playlist\" href=\"").append(Html.text(playlist)).append("\">")
                .append(Html.text(playlist)).append("</a> (for ffplay, VLC, mpv)</p>\n");
        html.append("</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private static long liveStart(StreamSummary stream, long nowMicros) {
        long edge = stream.newestEndMicros() == null ? nowMicros : stream.newestEndMicros();
        long start = edge - LIVE_WINDOW_MICROS;
        return stream.firstMicros() == null ? start : Math.max(start, stream.firstMicros());
    }

    private static void qualitySwitcher(StringBuilder html, String channel, String quality, List<String> qualities,
            String startText, String endText) {
        if (qualities.size() < 2) {
            return;
        }
        html.append("<nav id=\"qualities\">Quality: ");
        for (String q : qualities) {
            if (q.equals(quality)) {
                html.append("<strong aria-current=\"page\">").append(Html.text(q)).append("</strong> ");
            } else {
                html.append("<a href=\"").append(path(channel, q)).append(query(startText, endText)).append("\">")
                        .append(Html.text(q)).append("</a> ");
            }
        }
        html.append("</nav>\n");
    }

    private static String query(String startText, String endText) {
        StringBuilder q = new StringBuilder();
        if (startText != null && !startText.isBlank()) {
            q.append("?start=").append(Html.url(startText));
        }
        if (endText != null && !endText.isBlank()) {
            q.append(q.isEmpty() ? "?" : "&amp;").append("end=").append(Html.url(endText));
        }
        return q.toString();
    }

    private static void form(StringBuilder html, String channel, String quality, String startText, String endText) {
        html.append("<form id=\"range\" method=\"get\" action=\"").append(path(channel, quality)).append("\">\n")
                .append("<label>Start <input id=\"start\" name=\"start\" value=\"").append(Html.text(orEmpty(startText)))
                .append("\" placeholder=\"2026-11-20T14:05:00Z or -10m\" spellcheck=\"false\"></label>\n")
                .append("<label>End <input id=\"end\" name=\"end\" value=\"").append(Html.text(orEmpty(endText)))
                .append("\" placeholder=\"empty = open, or +1m\" spellcheck=\"false\"></label>\n")
                .append("<button type=\"submit\" id=\"play-range\">Play range</button> <a href=\"")
                .append(path(channel, quality)).append("\">Live</a>\n")
                .append("<p class=\"hint\">UTC like 2026-11-20T14:05:00Z; or relative: now, -10m, -1h30m,")
                .append(" last 10 minutes, 2 hours ago; the end may also be +1m (after the start).</p>\n</form>\n");
    }

    private static void downloads(StringBuilder html, StreamSummary stream, RangeInput.Range range, boolean live,
            Long newest) {
        html.append("<section id=\"download\"><h2>Download this range</h2>\n");
        Long from;
        Long to;
        if (live) {
            from = newest == null ? null : Math.max(newest - LIVE_DOWNLOAD_MICROS, stream.firstMicros());
            to = newest;
        } else {
            // what is held of the range: an hour link's range runs past the recording's ends
            from = stream.firstMicros() == null ? range.startMicros() : Math.max(range.startMicros(), stream.firstMicros());
            to = range.endMicros() == null || newest == null ? newest : Math.min(range.endMicros(), newest);
        }
        if (from == null || to == null || to <= from) {
            html.append("<p id=\"no-download\">Nothing recorded in this range yet.</p>\n</section>\n");
            return;
        }
        html.append("<p>").append(live ? "The last minutes: " : "").append(span(from, to)).append("</p>\n<ul>\n");
        String start = Html.url(Timestamps.formatIso(from));
        String end = Html.url(Timestamps.formatIso(to));
        String base = Html.url(stream.channel()) + "/" + Html.url(stream.quality());
        String fileName = stream.channel() + "-" + stream.quality() + "-" + Timestamps.formatIso(from).substring(0, 19)
                .replace(':', '-');
        for (CutType type : CutType.values()) {
            String ext = type == CutType.MP4 ? "mp4" : "ts";
            html.append("<li><a class=\"cut\" data-type=\"").append(type.id()).append("\" download=\"")
                    .append(Html.text(fileName)).append('.').append(ext).append("\" href=\"/cut/").append(base)
                    .append('.').append(ext).append("?start=").append(start).append("&amp;end=").append(end)
                    .append("&amp;type=").append(type.id()).append("\">").append(type.id()).append("</a> ")
                    .append(describe(type)).append("</li>\n");
        }
        html.append("</ul>\n<p class=\"hint\">A range with missing video is refused (406); add")
                .append(" <code>&amp;allow_holes=true</code> to a link to cut what there is.</p>\n</section>\n");
    }

    private static String describe(CutType type) {
        return switch (type) {
            case ROUGH -> "whole segments, instant; starts and ends up to a segment off";
            case FAST -> "exact edges, the rest copied; quick";
            case SMART -> "exact edges, continuous timestamps; quick";
            case MPEGTS -> "re-encoded MPEG-TS, streamed; slow";
            case MP4 -> "re-encoded MP4; slowest, starts after the encode";
        };
    }

    /** {@code 2026-11-20 14:20:00 – 14:21:00 UTC (1 min 0 s)}, or open-ended. */
    static String span(long start, Long end) {
        String s = Timestamps.formatIso(start).substring(0, 19).replace('T', ' ');
        if (end == null) {
            return s + " UTC onwards (open: it grows as segments arrive).";
        }
        String e = Timestamps.formatIso(end).substring(0, 19).replace('T', ' ');
        long seconds = (end - start) / Timestamps.MICROS_PER_SECOND;
        String length = seconds >= 3600 ? seconds / 3600 + " h " + seconds % 3600 / 60 + " min"
                : seconds / 60 + " min " + seconds % 60 + " s";
        return s + " – " + (s.regionMatches(0, e, 0, 11) ? e.substring(11) : e) + " UTC (" + length + ")";
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}

package org.streamvault.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.streamvault.segments.SegmentType;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestDatabase;
import org.streamvault.testing.TestNode;

/**
 * The home page and the player page over plain HTTP, as a browser without JavaScript (or a
 * crawler) gets them: what the store holds, escaped names, links, refusals as HTML pages.
 */
class PagesRouteTest {
    /** A channel name that would break the HTML if any of it went out unescaped. */
    static final String ODD = "<i>bus&\"co'";
    static Path base;
    static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        base = Files.createTempDirectory("pages-route");
        StoreBuilder bus = new StoreBuilder(base, "desertbus", "source");
        bus.add("2026-11-19T23:59:58", "2.0", SegmentType.FULL, 100);
        bus.add("2026-11-20T14:00:00", "2.0", SegmentType.FULL, 100);
        bus.add("2026-11-20T14:00:02", "2.0", SegmentType.FULL, 100);
        new StoreBuilder(base, "desertbus", "480p").add("2026-11-20T14:00:00", "2.0", SegmentType.FULL, 100);
        new StoreBuilder(base, ODD, "source").add("2026-11-20T14:00:00", "2.0", SegmentType.FULL, 100);
        node = TestNode.start(base, "streamvault.node-name", "node-<one>");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static String html(String path, int status) throws Exception {
        HttpResponse<String> r = node.get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).as(path).hasValue("text/html; charset=utf-8");
        return r.body();
    }

    @Test
    void homePageListsWhatTheNodeHoldsWithoutJavaScript() throws Exception {
        String home = html("/", 200);
        assertThat(home).contains("<span id=\"node-name\">node-&lt;one&gt;</span>")
                .contains("<span id=\"node-version\">0.1.0-SNAPSHOT</span>")
                .contains("<li class=\"on\">restreamer: on</li>").contains("<li class=\"off\">downloader: off</li>")
                .contains("<h3>desertbus</h3>")
                .contains("<a class=\"watch\" href=\"/watch/desertbus/480p\">480p</a>")
                .contains("<a class=\"watch\" href=\"/watch/desertbus/source\">source</a>")
                // first segment and the newest segment's end
                .contains("<time>2026-11-19 23:59:58</time>").contains("<time>2026-11-20 14:00:04</time>")
                .contains("data-newest=\"2026-11-20T14:00:04.000000Z\"")
                // each hour links to the player for that hour, grouped by day
                .contains("<span class=\"date\">2026-11-20</span>")
                .contains("href=\"/watch/desertbus/source?start=2026-11-20T14%3A00%3A00.000000Z&amp;end="
                        + "2026-11-20T15%3A00%3A00.000000Z\"")
                .contains("<a href=\"/metrics\">Metrics</a>").contains("<a href=\"/observe/health\">Health</a>")
                .contains("<script src=\"/pages/home.js\" defer></script>")
                // components that do not run are not linked
                .doesNotContain("href=\"/editor/\"").doesNotContain("href=\"/coverage/\"");
    }

    @Test
    void everyNameIsEscaped() throws Exception {
        String home = html("/", 200);
        assertThat(home).contains("<h3>&lt;i&gt;bus&amp;&quot;co&#39;</h3>")
                .contains("href=\"/watch/%3Ci%3Ebus%26%22co%27/source\"")
                .doesNotContain("<i>bus").doesNotContain("node-<one>");
        String watch = html("/watch/%3Ci%3Ebus%26%22co%27/source?start=2026-11-20T14:00:00Z&end=%2B2s", 200);
        assertThat(watch).contains("<h1>&lt;i&gt;bus&amp;&quot;co&#39; / source</h1>")
                .contains("data-playlist=\"/playlist/%3Ci%3Ebus%26%22co%27/source.m3u8?start=")
                .contains("value=\"+2s\"").doesNotContain("<i>bus");
        String injected = html("/watch/desertbus/source?start=%22%3E%3Cscript%3Ealert(1)%3C/script%3E", 400);
        assertThat(injected).doesNotContain("<script>alert").contains("&quot;&gt;&lt;script&gt;");
    }

    @Test
    void playerPageWorksWithoutJavaScript() throws Exception {
        String watch = html("/watch/desertbus/source?start=2026-11-20T14:00:00Z&end=2026-11-20T14:00:04Z", 200);
        assertThat(watch).contains("<a id=\"home\" href=\"/\">node-&lt;one&gt;</a>")
                .contains("data-mode=\"range\"")
                .contains("data-playlist=\"/playlist/desertbus/source.m3u8?start=2026-11-20T14%3A00%3A00.000000Z"
                        + "&amp;end=2026-11-20T14%3A00%3A04.000000Z\"")
                .contains("Range 2026-11-20 14:00:00 – 14:00:04 UTC (0 min 4 s)")
                .contains("<script src=\"/pages/hls.min.js\"></script>").contains("<noscript>")
                // the quality switcher keeps the range
                .contains("<a href=\"/watch/desertbus/480p?start=2026-11-20T14%3A00%3A00Z&amp;end="
                        + "2026-11-20T14%3A00%3A04Z\">480p</a>")
                .contains("<strong aria-current=\"page\">source</strong>");
        for (String type : new String[] {"rough", "fast", "smart", "mpegts"}) {
            assertThat(watch).contains("data-type=\"" + type + "\" download=\"desertbus-source-2026-11-20T14-00-00.ts\""
                    + " href=\"/cut/desertbus/source.ts?start=2026-11-20T14%3A00%3A00.000000Z&amp;end="
                    + "2026-11-20T14%3A00%3A04.000000Z&amp;type=" + type + "\"");
        }
        assertThat(watch).contains("href=\"/cut/desertbus/source.mp4?start=2026-11-20T14%3A00%3A00.000000Z&amp;end="
                + "2026-11-20T14%3A00%3A04.000000Z&amp;type=mp4\"");
        // the playlist link works as such
        HttpResponse<String> playlist = node.get("/playlist/desertbus/source.m3u8?start=2026-11-20T14%3A00%3A00.000000Z"
                + "&end=2026-11-20T14%3A00%3A04.000000Z");
        assertThat(playlist.statusCode()).isEqualTo(200);
        assertThat(playlist.body()).contains("#EXT-X-ENDLIST");
    }

    @Test
    void downloadsCoverWhatIsHeldOfTheRange() throws Exception {
        // an hour link: the hour runs on past the newest segment, which ends at 14:00:04
        String watch = html("/watch/desertbus/source?start=2026-11-20T14:00:00Z&end=2026-11-20T15:00:00Z", 200);
        assertThat(watch).contains("data-playlist=\"/playlist/desertbus/source.m3u8?start=2026-11-20T14%3A00%3A00.000000Z"
                + "&amp;end=2026-11-20T15%3A00%3A00.000000Z\"")
                .contains("href=\"/cut/desertbus/source.ts?start=2026-11-20T14%3A00%3A00.000000Z&amp;end="
                        + "2026-11-20T14%3A00%3A04.000000Z&amp;type=smart\"");
        // a range from before the first segment (23:59:58) starts the downloads there
        assertThat(html("/watch/desertbus/source?start=2026-11-19T23:00:00Z&end=2026-11-20T00:00:00Z", 200))
                .contains("href=\"/cut/desertbus/source.ts?start=2026-11-19T23%3A59%3A58.000000Z&amp;end="
                        + "2026-11-20T00%3A00%3A00.000000Z&amp;type=smart\"");
        assertThat(html("/watch/desertbus/source?start=2026-11-21T00:00:00Z", 200)).contains("id=\"no-download\"");
    }

    @Test
    void liveByDefaultWithDownloadsOfTheLastMinutes() throws Exception {
        String watch = html("/watch/desertbus/source", 200);
        // the live playlist starts at most 30 minutes before the newest segment, never before the first
        assertThat(watch).contains("data-mode=\"live\"").contains("Live: following the newest segment.")
                .contains("data-playlist=\"/playlist/desertbus/source.m3u8?start=2026-11-20T13%3A30%3A04.000000Z\"")
                .contains("href=\"/cut/desertbus/source.ts?start=2026-11-20T13%3A50%3A04.000000Z&amp;end="
                        + "2026-11-20T14%3A00%3A04.000000Z&amp;type=smart\"");
        // one quality: no switcher
        assertThat(html("/watch/%3Ci%3Ebus%26%22co%27/source", 200)).doesNotContain("id=\"qualities\"")
                .contains("start=2026-11-20T14%3A00%3A00.000000Z\"");
    }

    @Test
    void unknownChannelOrQualityIsAPageWithALinkHome() throws Exception {
        assertThat(html("/watch/nobody/source", 404)).contains("404 Not found")
                .contains("This node has no channel &#39;nobody&#39;.").contains("<a id=\"home\" href=\"/\">")
                .doesNotContain("<video");
        assertThat(html("/watch/desertbus/4k", 404)).contains("Channel &#39;desertbus&#39; has no quality &#39;4k&#39;.")
                .doesNotContain("<video");
    }

    @Test
    void badRangeIsA400PageSayingWhatToType() throws Exception {
        assertThat(html("/watch/desertbus/source?start=yesterday", 400)).contains("400 Bad request")
                .contains("start: cannot read &#39;yesterday&#39;").contains("-10m").contains("href=\"/\"");
        assertThat(html("/watch/desertbus/source?start=2026-11-20T14:00:00Z&end=2026-11-20T13:00:00Z", 400))
                .contains("end must be after start");
    }

    @Test
    void hiddenAndPathLikeNamesAreRefusedAsTheRestreamerDoes() throws Exception {
        assertThat(html("/watch/.trash/source", 403)).contains("hidden names are not served");
        assertThat(html("/watch/coverage-maps/source", 403)).contains("reserved");
        assertThat(node.get("/watch/desertbus/%2e%2e").statusCode()).isEqualTo(403); // before routing
        assertThat(node.get("/watch/desertbus/a%00b").statusCode()).isEqualTo(403);
        assertThat(node.get("/pages/..%2Fversion.properties").statusCode()).isEqualTo(403);
        // the home page answers / only
        assertThat(node.get("/nothing-here").statusCode()).isEqualTo(404);
        assertThat(node.get("/watch/desertbus").statusCode()).isEqualTo(404);
    }

    @Test
    void pageFilesComeFromTheJar() throws Exception {
        for (String file : new String[] {"home.js", "watch.js", "pages.css", "hls.min.js"}) {
            HttpResponse<String> r = node.get("/pages/" + file);
            assertThat(r.statusCode()).as(file).isEqualTo(200);
            assertThat(r.body()).as(file).isNotEmpty();
        }
        assertThat(node.get("/pages/hls.min.js").headers().firstValue("Content-Type"))
                .hasValue("text/javascript; charset=utf-8");
        assertThat(node.get("/pages/version.properties").statusCode()).isEqualTo(404);
        assertThat(node.get("/pages/missing.js").statusCode()).isEqualTo(404);
    }

    @Test
    void withCoverageTheHoursAreShadedByIt(@org.junit.jupiter.api.io.TempDir Path other) throws Exception {
        long hour = Timestamps.truncateToHour(System.currentTimeMillis() * 1000) - 2 * Timestamps.MICROS_PER_HOUR;
        StoreBuilder s = new StoreBuilder(other, "desertbus", "source");
        // hour -2: every 2 s of the hour full; hour -1: one partial segment only
        for (long t = hour; t < hour + Timestamps.MICROS_PER_HOUR; t += 2_000_000) {
            s.add(t, "2.0", SegmentType.FULL, 10);
        }
        s.add(hour + Timestamps.MICROS_PER_HOUR, "2.0", SegmentType.PARTIAL, 10);
        s.add(hour + 2 * Timestamps.MICROS_PER_HOUR + 10_000_000, "2.0", SegmentType.FULL, 10);
        try (TestNode withCoverage = TestNode.start(other, "streamvault.coverage.enabled", "true",
                "streamvault.metrics.enabled", "false")) {
            String home = withCoverage.get("/").body();
            assertThat(home).contains("<a href=\"/coverage/\">Coverage maps</a>")
                    .contains("<li class=\"on\">coverage: on</li>").doesNotContain("href=\"/metrics\"")
                    .doesNotContain("href=\"/editor/\"")
                    .contains("class=\"hour full\" href=\"/watch/desertbus/source?start="
                            + Html.url(Timestamps.formatIso(hour)))
                    .contains("class=\"hour partial\" href=\"/watch/desertbus/source?start="
                            + Html.url(Timestamps.formatIso(hour + Timestamps.MICROS_PER_HOUR)))
                    .contains(":59 UTC: 100% editable, 0 holes\"")
                    // the hour being recorded starts 10 s late: partial, judged up to its newest segment
                    .contains("class=\"hour partial\" href=\"/watch/desertbus/source?start="
                            + Html.url(Timestamps.formatIso(hour + 2 * Timestamps.MICROS_PER_HOUR)));
        }
        assertThat(html("/", 200)).doesNotContain("class=\"hour full\"");
    }

    @Test
    void theEditorIsLinkedWhenItRuns() throws Exception {
        try (TestDatabase db = TestDatabase.create();
                TestNode withEditor = TestNode.start(base, "streamvault.editor.enabled", "true", "streamvault.db.url",
                        db.url(), "streamvault.db.user", db.user(), "streamvault.editor.auth.enabled", "false")) {
            assertThat(withEditor.get("/").body()).contains("<a href=\"/editor/\">Editor</a>")
                    .contains("<li class=\"on\">editor: on</li>");
        }
    }
}

package org.streamvault.restream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.streamvault.hls.MediaPlaylistWriter;
import org.streamvault.segments.SegmentStore;
import org.streamvault.segments.SegmentType;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestMedia;
import org.streamvault.testing.TestNode;

/** Master and media playlists from a real node over generated and real (ffmpeg) stores. */
class PlaylistRouteTest {
    private static Path base;
    private static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        base = Files.createTempDirectory("playlists");
        StoreBuilder s = new StoreBuilder(base, "desertbus", "source");
        // 14:00:00-14:00:06 full, hole, 14:00:10 suspect, 14:00:12 full, 14:00:14 partial; junk in between
        s.add("2026-11-20T14:00:00", "2.0", SegmentType.FULL, 100);
        s.add("2026-11-20T14:00:02", "2.0", SegmentType.FULL, 100);
        s.add("2026-11-20T14:00:04", "2.0", SegmentType.FULL, 100);
        s.add("2026-11-20T14:00:10", "2.0", SegmentType.SUSPECT, 100);
        s.add("2026-11-20T14:00:12", "2.5", SegmentType.FULL, 100);
        s.add("2026-11-20T14:00:14.5", "2.0", SegmentType.PARTIAL, 100);
        s.addRaw("2026-11-20T14:00:00", "README.txt", new byte[] {1});
        new StoreBuilder(base, "desertbus", "480p").add("2026-11-20T16:00:00", "2.0", SegmentType.FULL, 100);
        Files.createDirectories(base.resolve("desertbus/empty"));
        // real video for ffprobe
        StoreBuilder real = new StoreBuilder(base, "real", "source");
        real.addMedia(Timestamps.parseUtc("2026-11-20T14:00:00"), 5, "2.0");
        node = TestNode.start(base);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static String media(String query) throws Exception {
        HttpResponse<String> r = node.get("/playlist/desertbus/source.m3u8" + query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/vnd.apple.mpegurl");
        return r.body();
    }

    @Test
    void closedRangeWithoutHolesEndsTheList() throws Exception {
        String p = media("?start=2026-11-20T14:00:00&end=2026-11-20T14:00:06");
        assertThat(p).startsWith("#EXTM3U\n").contains("#EXT-X-TARGETDURATION:2\n").endsWith("#EXT-X-ENDLIST\n");
        assertThat(p).contains("#EXT-X-PROGRAM-DATE-TIME:2026-11-20T14:00:02.000000Z\n#EXTINF:2.000,\n"
                + "/segments/desertbus/source/2026-11-20T14/00%3A02.000000-2.0-full-");
        assertThat(count(p, "#EXTINF")).isEqualTo(3);
        assertThat(p).doesNotContain("DISCONTINUITY");
    }

    @Test
    void holesAndIncompleteSegmentsBecomeDiscontinuities() throws Exception {
        String p = media("?start=2026-11-20T14:00:00&end=2026-11-20T14:00:16");
        // gap 6-10, after the suspect at 10, after the partial at 14.5 (trailing: no ENDLIST)
        assertThat(count(p, "#EXT-X-DISCONTINUITY")).isEqualTo(2);
        assertThat(count(p, "#EXTINF")).isEqualTo(6);
        assertThat(p).doesNotContain("#EXT-X-ENDLIST").doesNotContain("README");
        assertThat(p).contains("#EXTINF:2.500,");
    }

    @Test
    void targetDurationIsAnIntegerAtLeastEveryRoundedExtinf() throws Exception {
        String p = media("?start=2026-11-20T14:00:00&end=2026-11-20T14:00:16");
        Matcher target = Pattern.compile("#EXT-X-TARGETDURATION:(\\d+)\n").matcher(p);
        assertThat(target.find()).isTrue();
        int t = Integer.parseInt(target.group(1));
        Matcher inf = Pattern.compile("#EXTINF:([0-9.]+),").matcher(p);
        while (inf.find()) {
            assertThat(Math.round(Double.parseDouble(inf.group(1)))).isLessThanOrEqualTo(t);
        }
        assertThat(t).isEqualTo(3); // 2.5 rounds up
    }

    @Test
    void missingBoundsMeanTheWholeRecording() throws Exception {
        String p = media("");
        assertThat(count(p, "#EXTINF")).isEqualTo(6);
        assertThat(p).doesNotContain("#EXT-X-ENDLIST");
    }

    @Test
    void badParametersAre400WithAOneLineReason() throws Exception {
        String[] bad = {"?start=yesterday", "?end=2026-11-20T14:00:00+02:00",
            "?start=2026-11-20T14:00:10&end=2026-11-20T14:00:10", "?start=2026-11-20T14:00:10&end=2026-11-20T14:00:00",
            "?start=2026-11-20T14:00:00&start=2026-11-20T14:00:02"};
        for (String q : bad) {
            HttpResponse<String> r = node.get("/playlist/desertbus/source.m3u8" + q);
            assertThat(r.statusCode()).as(q).isEqualTo(400);
            assertThat(r.body().trim()).as(q).doesNotContain("\n").isNotEmpty();
        }
        assertThat(node.get("/playlist/desertbus.m3u8?start=junk").statusCode()).isEqualTo(400);
    }

    @Test
    void unknownChannelOrQualityIs404() throws Exception {
        assertThat(node.get("/playlist/nobody/source.m3u8").statusCode()).isEqualTo(404);
        assertThat(node.get("/playlist/desertbus/8k.m3u8").statusCode()).isEqualTo(404);
        assertThat(node.get("/playlist/nobody.m3u8").statusCode()).isEqualTo(404);
        assertThat(node.get("/playlist/.hidden/source.m3u8").statusCode()).isEqualTo(403);
    }

    @Test
    void masterListsOnlyQualitiesWithDataInTheRange() throws Exception {
        HttpResponse<String> all = node.get("/playlist/desertbus.m3u8");
        assertThat(all.body()).startsWith("#EXTM3U\n").contains("desertbus/source.m3u8\n").contains("desertbus/480p.m3u8\n")
                .doesNotContain("empty");
        String ranged = node.get("/playlist/desertbus.m3u8?start=2026-11-20T14:00:00&end=2026-11-20T14:10:00").body();
        assertThat(ranged).contains("desertbus/source.m3u8?start=2026-11-20T14:00:00&end=2026-11-20T14:10:00")
                .doesNotContain("480p");
        assertThat(ranged).containsPattern("#EXT-X-STREAM-INF:BANDWIDTH=\\d+\n");
    }

    @Test
    void liveTailHoleHoldsBackTheNewestSegments() throws Exception {
        // a "live" channel whose newest seconds have a hole, as concurrent fetches leave them;
        // written here, not before the node starts, so "newest" is measured from this request
        StoreBuilder live = new StoreBuilder(base, "live", "source");
        long now = System.currentTimeMillis() * 1000;
        long liveStart = now - 60_000_000;
        for (long t = liveStart; t < now - 2_000_000; t += 2_000_000) {
            if (t < now - 10_000_000 || t > now - 8_000_000) {
                live.add(t, "2.0", SegmentType.FULL, 50);
            }
        }
        String open = node.get("/playlist/live/source.m3u8").body();
        String closed = node.get("/playlist/live/source.m3u8?start=" + iso(liveStart) + "&end="
                + iso(System.currentTimeMillis() * 1000 + 60_000_000)).body();
        assertThat(count(closed, "#EXT-X-DISCONTINUITY")).isEqualTo(1);
        assertThat(count(open, "#EXT-X-DISCONTINUITY")).isZero();
        assertThat(count(open, "#EXTINF")).isLessThan(count(closed, "#EXTINF"));
        assertThat(open).doesNotContain("#EXT-X-ENDLIST");
    }

    @Test
    void overHttpTheCachedPlaylistIsTheReferenceRenderingAndFollowsAGrowingHour() throws Exception {
        StoreBuilder grow = new StoreBuilder(base, "growing", "source");
        long h = Timestamps.parseUtc("2026-11-21T10:00:00");
        for (int i = 0; i < 300; i++) {
            if (i % 37 != 5) { // some holes
                grow.add(h - 1_800_000_000L + i * 2_000_000L, "2.0", i % 53 == 7 ? SegmentType.PARTIAL : SegmentType.FULL,
                        60);
            }
        }
        String query = "?start=2026-11-21T09:31:00.5&end=2026-11-21T10:09:59.25";
        for (int round = 0; round < 3; round++) {
            String body = node.get("/playlist/growing/source.m3u8" + query).body();
            var entries = new SegmentStore(base).select("growing", "source", Timestamps.parseUtc("2026-11-21T09:31:00.5"),
                    Timestamps.parseUtc("2026-11-21T10:09:59.25"), true).entries();
            assertThat(body).isEqualTo(MediaPlaylistWriter.render("growing", "source", entries));
            assertThat(node.get("/playlist/growing/source.m3u8" + query).body()).as("again, from the cache")
                    .isEqualTo(body);
            // a segment arrives in the newest hour: the next playlist has it
            Path added = grow.add(h + (300 + round) * 2_000_000L - 1_800_000_000L, "2.0", SegmentType.FULL, 61);
            assertThat(node.get("/playlist/growing/source.m3u8" + query).body())
                    .contains(added.getFileName().toString().replace(":", "%3A"));
        }
    }

    @Test
    void headAnswersThePlaylistsLengthWithoutItsBody() throws Exception {
        String query = "?start=2026-11-20T14:00:00&end=2026-11-20T14:00:16";
        String body = media(query);
        HttpResponse<String> head = node.send("HEAD", "/playlist/desertbus/source.m3u8" + query);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Type")).hasValue("application/vnd.apple.mpegurl");
        assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(body.length()));
        String master = node.get("/playlist/desertbus.m3u8").body();
        HttpResponse<String> masterHead = node.send("HEAD", "/playlist/desertbus.m3u8");
        assertThat(masterHead.statusCode()).isEqualTo(200);
        assertThat(masterHead.body()).isEmpty();
        assertThat(masterHead.headers().firstValue("Content-Length")).hasValue(Integer.toString(master.length()));
    }

    @Test
    void ffprobeReadsAPlaylistOfRealSegments() throws Exception {
        String url = node.url("/playlist/real/source.m3u8?start=2026-11-20T14:00:00&end=2026-11-20T14:00:10");
        String out = TestMedia.ffprobe("-show_entries", "format=duration:stream=codec_type", "-of", "default=nw=1", url);
        assertThat(out).contains("codec_type=video").contains("codec_type=audio");
        Matcher d = Pattern.compile("duration=([0-9.]+)").matcher(out);
        assertThat(d.find()).isTrue();
        assertThat(Double.parseDouble(d.group(1))).isBetween(9.5, 10.5);
    }

    private static String iso(long micros) {
        return Timestamps.formatIso(micros);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}

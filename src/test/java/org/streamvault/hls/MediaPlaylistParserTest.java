package org.streamvault.hls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.streamvault.segments.Timestamps;

class MediaPlaylistParserTest {
    private static final URI BASE = URI.create("http://origin.test/live/media.m3u8?token=a");

    private static List<MediaSegment> parse(String text) throws PlaylistException {
        return MediaPlaylistParser.parse(text, BASE).segments();
    }

    @Test
    void programDateTimeIsCarriedForwardByDurations() throws Exception {
        List<MediaSegment> s = parse("""
                #EXTM3U
                #EXT-X-TARGETDURATION:2
                #EXT-X-PROGRAM-DATE-TIME:2026-11-20T14:05:42.125Z
                #EXTINF:2.002,live
                a.ts
                #EXTINF:2.000,
                b.ts
                #EXTINF:6
                /abs/c.ts
                """);
        assertThat(s).extracting(MediaSegment::startMicros).containsExactly(
                Timestamps.parseUtc("2026-11-20T14:05:42.125"), Timestamps.parseUtc("2026-11-20T14:05:44.127"),
                Timestamps.parseUtc("2026-11-20T14:05:46.127"));
        assertThat(s).extracting(MediaSegment::durationText).containsExactly("2.002", "2.000", "6");
        assertThat(s.get(0).uri()).hasToString("http://origin.test/live/a.ts");
        assertThat(s.get(2).uri()).hasToString("http://origin.test/abs/c.ts");
        assertThat(s).allMatch(x -> !x.ad() && x.skewMicros() == 0 && x.mapUri() == null);
    }

    @Test
    void anyIsoOffsetBecomesUtc() throws Exception {
        long expected = Timestamps.parseUtc("2026-11-20T14:05:42.125");
        for (String t : List.of("2026-11-20T15:05:42.125+01:00", "2026-11-20T15:05:42.125+0100",
                "2026-11-20T09:05:42.125-05", "2026-11-20T14:05:42.125", "2026-11-20T14:05:42.125000z")) {
            assertThat(parse("#EXTM3U\n#EXT-X-PROGRAM-DATE-TIME:" + t + "\n#EXTINF:2,\na.ts\n").get(0).startMicros())
                    .as(t).isEqualTo(expected);
        }
    }

    @Test
    void segmentsBeforeTheFirstDateAreWorkedBack() throws Exception {
        List<MediaSegment> s = parse("#EXTM3U\n#EXTINF:2.5,\na.ts\n#EXT-X-PROGRAM-DATE-TIME:2026-11-20T14:00:10Z\n"
                + "#EXTINF:2,\nb.ts\n");
        assertThat(s.get(0).startMicros()).isEqualTo(Timestamps.parseUtc("2026-11-20T14:00:07.5"));
    }

    @Test
    void skewIsTheDifferenceFromThePreviousEnd() throws Exception {
        List<MediaSegment> s = parse("""
                #EXTM3U
                #EXT-X-PROGRAM-DATE-TIME:2026-11-20T14:00:00Z
                #EXTINF:2,
                a.ts
                #EXT-X-PROGRAM-DATE-TIME:2026-11-20T14:00:02.005Z
                #EXTINF:2,
                b.ts
                #EXT-X-PROGRAM-DATE-TIME:2026-11-20T14:00:05Z
                #EXTINF:2,
                c.ts
                """);
        assertThat(s).extracting(MediaSegment::skewMicros).containsExactly(0L, 5_000L, 995_000L);
    }

    @Test
    void twitchStitchedAdsAreMarked() throws Exception {
        List<MediaSegment> s = parse("""
                #EXTM3U
                #EXT-X-DATERANGE:ID="stitched-ad-1",CLASS="twitch-stitched-ad",START-DATE="2026-11-20T14:00:02Z",DURATION=4.0
                #EXT-X-PROGRAM-DATE-TIME:2026-11-20T14:00:00Z
                #EXTINF:2,live
                a.ts
                #EXTINF:2,live
                b.ts
                #EXTINF:2,live
                c.ts
                #EXTINF:2,Amazon|123
                d.ts
                #EXTINF:2,live
                e.ts
                """);
        assertThat(s).extracting(MediaSegment::ad).containsExactly(false, true, true, true, false);
    }

    @Test
    void mapAndEndListAreRecognised() throws Exception {
        MediaPlaylist p = MediaPlaylistParser.parse("""
                #EXTM3U
                #EXT-X-MAP:URI="init.mp4"
                #EXT-X-PROGRAM-DATE-TIME:2026-11-20T14:00:00Z
                #EXTINF:2,
                a.m4s
                #EXT-X-ENDLIST
                """, BASE);
        assertThat(p.endList()).isTrue();
        assertThat(p.segments().get(0).mapUri()).hasToString("http://origin.test/live/init.mp4");
    }

    @Test
    void targetDurationIsReadAndABadOneIgnored() throws Exception {
        String segment = "#EXT-X-PROGRAM-DATE-TIME:2026-11-20T14:00:00Z\n#EXTINF:2,\na.ts\n";
        assertThat(MediaPlaylistParser.parse("#EXTM3U\n#EXT-X-TARGETDURATION:6\n" + segment, BASE)
                .targetDurationMicros()).isEqualTo(6_000_000L);
        assertThat(MediaPlaylistParser.parse("#EXTM3U\n#EXT-X-TARGETDURATION:soon\n" + segment, BASE)
                .targetDurationMicros()).isZero();
        assertThat(MediaPlaylistParser.parse("#EXTM3U\n" + segment, BASE).targetDurationMicros()).isZero();
    }

    @Test
    void garbageIsAOneLineError() {
        assertThatThrownBy(() -> parse("<html>oops</html>")).isInstanceOf(PlaylistException.class)
                .hasMessageContaining("#EXTM3U");
        assertThatThrownBy(() -> parse("#EXTM3U\n#EXTINF:abc,\na.ts\n")).hasMessageContaining("duration");
        assertThatThrownBy(() -> parse("#EXTM3U\n#EXTINF:2,\na.ts\n")).hasMessageContaining("PROGRAM-DATE-TIME");
        assertThatThrownBy(() -> parse("#EXTM3U\n#EXT-X-PROGRAM-DATE-TIME:yesterday\n#EXTINF:2,\na.ts\n"))
                .hasMessageContaining("yesterday");
        assertThatThrownBy(() -> parse("#EXTM3U\n#EXT-X-PROGRAM-DATE-TIME:2026-11-20T14:00:00Z\n#EXTINF:2,\n"
                + "file:///etc/passwd\n")).hasMessageContaining("not http");
        assertThatThrownBy(() -> parse("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nv.m3u8\n"))
                .hasMessageContaining("master");
    }

    @Test
    void anEmptyLivePlaylistIsFine() throws Exception {
        assertThat(parse("#EXTM3U\n#EXT-X-TARGETDURATION:2\n")).isEmpty();
    }
}

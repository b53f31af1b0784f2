package org.streamvault.hls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class MasterPlaylistTest {
    private static final URI BASE = URI.create("https://usher.test/api/channel/hls/x.m3u8?sig=s");

    private static final String TWITCH = """
            #EXTM3U
            #EXT-X-TWITCH-INFO:NODE="video-edge",CLUSTER="x"
            #EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID="chunked",NAME="1080p60 (source)",AUTOSELECT=YES,DEFAULT=YES
            #EXT-X-STREAM-INF:BANDWIDTH=6000000,RESOLUTION=1920x1080,CODECS="avc1.64002A,mp4a.40.2",VIDEO="chunked",FRAME-RATE=60.000
            https://video-edge.test/v1/playlist/source.m3u8
            #EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID="720p60",NAME="720p60",AUTOSELECT=YES,DEFAULT=YES
            #EXT-X-STREAM-INF:BANDWIDTH=3000000,RESOLUTION=1280x720,CODECS="avc1.4D401F,mp4a.40.2",VIDEO="720p60",FRAME-RATE=60.000
            https://video-edge.test/v1/playlist/720.m3u8
            """;

    @Test
    void variantsAreChosenByRenditionName() throws Exception {
        MasterPlaylist m = MasterPlaylist.parse(TWITCH, BASE);
        assertThat(m.select("source")).get().extracting(v -> v.uri().toString())
                .isEqualTo("https://video-edge.test/v1/playlist/source.m3u8");
        assertThat(m.select("720p60")).get().extracting(v -> v.uri().toString())
                .isEqualTo("https://video-edge.test/v1/playlist/720.m3u8");
        assertThat(m.select("1080p60")).get().extracting(Variant::videoGroup).isEqualTo("chunked");
        assertThat(m.select("160p")).isEmpty();
    }

    @Test
    void sourceOfAPlainMasterIsTheFirstVariant() throws Exception {
        MasterPlaylist m = MasterPlaylist.parse("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=5000000\nhi/index.m3u8\n"
                + "#EXT-X-STREAM-INF:BANDWIDTH=1000000\nlo/index.m3u8\n", BASE);
        assertThat(m.select("source")).get().extracting(v -> v.uri().toString())
                .isEqualTo("https://usher.test/api/channel/hls/hi/index.m3u8");
    }

    @Test
    void aMasterWithoutVariantsIsRejected() {
        assertThatThrownBy(() -> MasterPlaylist.parse("#EXTM3U\n#EXT-X-VERSION:3\n", BASE))
                .isInstanceOf(PlaylistException.class).hasMessageContaining("no variants");
    }
}

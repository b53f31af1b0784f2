package org.streamvault.download;

import java.io.IOException;
import java.net.URI;
import java.util.stream.Collectors;
import org.streamvault.hls.MasterPlaylist;
import org.streamvault.hls.PlaylistException;

/**
 * A plain HLS origin: the configured URL is a master playlist (variants chosen by rendition
 * name) or a media playlist, which is recorded as the first configured quality only.
 */
public final class HlsSource implements StreamSource {
    private final PlaylistFetcher fetcher;
    private final URI url;
    private final String firstQuality;

    HlsSource(PlaylistFetcher fetcher, URI url, String firstQuality) {
        this.fetcher = fetcher;
        this.url = url;
        this.firstQuality = firstQuality;
    }

    @Override
    public URI resolve(String quality) throws IOException, PlaylistException {
        return fromPlaylist(fetcher, url, quality, firstQuality);
    }

    /** Picks {@code quality} from the playlist at {@code url} (shared with the Twitch source). */
    static URI fromPlaylist(PlaylistFetcher fetcher, URI url, String quality, String firstQuality)
            throws IOException, PlaylistException {
        PlaylistFetcher.Answer answer = fetcher.get(url);
        if (answer.status() == 404) {
            throw new StreamSource.StreamOfflineException(withoutQuery(url) + " answered 404: stream offline");
        }
        if (answer.status() != 200) {
            throw new IOException(withoutQuery(url) + " answered HTTP " + answer.status());
        }
        if (!MasterPlaylist.isMaster(answer.text())) {
            if (quality.equals(firstQuality)) {
                return url;
            }
            throw new PlaylistException(withoutQuery(url) + " is a media playlist; it is recorded as '" + firstQuality
                    + "' only, not '" + quality + "'");
        }
        MasterPlaylist master = MasterPlaylist.parse(answer.text(), url);
        return master.select(quality).orElseThrow(() -> new PlaylistException("no variant '" + quality + "' in "
                + withoutQuery(url) + "; offered: " + master.variants().stream()
                        .map(v -> v.videoGroup().isEmpty() ? v.name() : v.videoGroup()).collect(Collectors.joining(", "))))
                .uri();
    }

    /** For log lines: playlist URLs can carry long tokens in their query. */
    static String withoutQuery(URI url) {
        String s = url.toString();
        int q = s.indexOf('?');
        return q < 0 ? s : s.substring(0, q) + "?...";
    }
}

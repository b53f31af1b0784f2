package org.streamvault.download.route;

import org.apache.camel.Exchange;
import org.streamvault.download.Downloader;
import org.streamvault.download.PlaylistPoll;
import org.streamvault.download.StreamRecorder;

/** The steps of the poll route ({@code downloader-poll-playlist-*}): one poll cycle of a stream. */
final class PollProcessors {
    private PollProcessors() {
    }

    /** Header {@code resolveDue}: whether the cycle starts by resolving the playlist URL. */
    static final class ResolveDue extends StreamProcessor {
        ResolveDue(Downloader downloader) {
            super(downloader);
        }

        @Override
        void process(Exchange exchange, StreamRecorder recorder) throws Exception {
            exchange.getMessage().setHeader("resolveDue", recorder.resolveDue());
        }
    }

    /** The resolve route's step: a new media playlist URL from the source. */
    static final class ResolveUrl extends StreamProcessor {
        ResolveUrl(Downloader downloader) {
            super(downloader);
        }

        @Override
        void process(Exchange exchange, StreamRecorder recorder) throws Exception {
            recorder.resolve();
        }
    }

    /** Body: the media playlists due now, fetched; header {@code playlistsFetched}: how many. */
    static final class FetchPlaylists extends StreamProcessor {
        FetchPlaylists(Downloader downloader) {
            super(downloader);
        }

        @Override
        void process(Exchange exchange, StreamRecorder recorder) throws Exception {
            PlaylistPoll poll = recorder.fetchDuePlaylists();
            exchange.getMessage().setHeader("playlistsFetched", poll.size());
            exchange.getMessage().setBody(poll);
        }
    }

    /**
     * Header {@code newSegments}: how many segment URIs those playlists list for the first time;
     * body: the fetcher when there is one (the usual cycle, which then needs no split), the list of
     * fetchers in playlist order when there are several.
     */
    static final class NewSegments extends StreamProcessor {
        NewSegments(Downloader downloader) {
            super(downloader);
        }

        @Override
        void process(Exchange exchange, StreamRecorder recorder) throws Exception {
            var fetchers = recorder.newSegments(exchange.getMessage().getMandatoryBody(PlaylistPoll.class));
            exchange.getMessage().setHeader("newSegments", fetchers.size());
            exchange.getMessage().setBody(fetchers.size() == 1 ? fetchers.get(0) : fetchers);
        }
    }
}

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

    /** Body: the fetchers of the segment URIs those playlists list for the first time; header {@code newSegments}. */
    static final class NewSegments extends StreamProcessor {
        NewSegments(Downloader downloader) {
            super(downloader);
        }

        @Override
        void process(Exchange exchange, StreamRecorder recorder) throws Exception {
            var fetchers = recorder.newSegments(exchange.getMessage().getMandatoryBody(PlaylistPoll.class));
            exchange.getMessage().setHeader("newSegments", fetchers.size());
            exchange.getMessage().setBody(fetchers);
        }
    }

    /**
     * Header {@code nextPollMillis}: how long the loop waits before the next cycle; header
     * {@code keepPolling}: false once the downloader has stopped, or the route is stopping or has
     * been restarted since this loop began (see {@link PollLoop}); the loop then ends.
     */
    static final class NextPoll extends StreamProcessor {
        private final PollLoop loop;

        NextPoll(Downloader downloader, PollLoop loop) {
            super(downloader);
            this.loop = loop;
        }

        @Override
        void process(Exchange exchange, StreamRecorder recorder) throws Exception {
            exchange.getMessage().setHeader("nextPollMillis", recorder.millisUntilDue());
            exchange.getMessage().setHeader("keepPolling", !recorder.stopped() && loop.goesOn(exchange));
            exchange.getMessage().setBody(null);
        }
    }
}

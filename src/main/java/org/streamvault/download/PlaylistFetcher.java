package org.streamvault.download;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.streamvault.hls.PlaylistException;
import org.streamvault.hls.PlaylistText;

/**
 * Fetches playlist text with a size limit and a total time limit, so a huge or slowly dripping
 * "playlist" is cut off rather than filling memory or holding a poller forever.
 */
final class PlaylistFetcher {
    private final OriginClient client;
    private final ScheduledExecutorService timers;
    private final int maxBytes;
    private final Duration timeout;

    PlaylistFetcher(OriginClient client, ScheduledExecutorService timers, int maxBytes, Duration timeout) {
        this.client = client;
        this.timers = timers;
        this.maxBytes = maxBytes;
        this.timeout = timeout;
    }

    /** The answer to a playlist request: the status, and the text when the status is 200. */
    record Answer(int status, String text) {
    }

    Answer get(URI uri) throws IOException, PlaylistException {
        OriginClient.PendingRequest request = client.prepare(uri);
        ScheduledFuture<?> deadline = timers.schedule(request::abort, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try (OriginClient.Exchange ex = request.open()) {
            if (ex.status() != 200) {
                return new Answer(ex.status(), null);
            }
            return new Answer(200, PlaylistText.read(ex.body(), maxBytes));
        } catch (IOException e) {
            if (deadline.isDone()) {
                throw new IOException("playlist not received within " + timeout);
            }
            throw e;
        } finally {
            deadline.cancel(false);
        }
    }
}

package org.streamvault.restream;

import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.streamvault.images.ProcessGroup;
import org.streamvault.segments.ContainsHolesException;
import org.streamvault.segments.Segment;
import org.streamvault.segments.SegmentStore;
import org.streamvault.segments.SelectionEntry;

/** What the image processors share: the timestamp parameter, the segment at a time, stopping on disconnect. */
public final class ImageRequests {
    private ImageRequests() {
    }

    /** The required {@code timestamp} parameter, in microseconds. */
    static long timestamp(ApiProcessor.Request request) {
        String text = request.param("timestamp");
        if (text == null || text.isBlank()) {
            throw HttpProblem.badRequest("timestamp is required (e.g. timestamp=2026-11-20T14:05:42.125)");
        }
        return TimeRange.parseTime("timestamp", text);
    }

    /** 404 unless the channel/quality exists (403 for path-like names, from the store). */
    static void requireStream(SegmentStore store, String channel, String quality) {
        if (!store.hasQuality(channel, quality)) {
            throw HttpProblem.notFound("unknown channel/quality '" + channel + "/" + quality + "'");
        }
    }

    /** The best segment holding {@code micros} (best-segment selection, as /cut), or 406. */
    static Segment segmentAt(SegmentStore store, String channel, String quality, long micros) {
        requireStream(store, channel, quality);
        try {
            for (SelectionEntry e : store.select(channel, quality, micros, micros + 1, true).entries()) {
                if (e instanceof Segment s && s.startMicros() <= micros && micros < s.endMicros()) {
                    return s;
                }
            }
        } catch (ContainsHolesException e) {
            throw new IllegalStateException("holes are allowed here", e);
        }
        throw new HttpProblem(406, "no segment holds " + org.streamvault.segments.Timestamps.formatIso(micros));
    }

    /**
     * The processes of this request, stopped when the client goes away: Vert.x calls a
     * response's close handler when the connection drops before the response ended. Outside
     * platform-http-vertx they stop only when the request ends.
     */
    public static ProcessGroup processes(Message response, Duration killGrace) {
        ProcessGroup group = new ProcessGroup(killGrace);
        HttpServerResponse vertx = vertx(response);
        if (vertx != null) {
            vertx.closeHandler(v -> group.close());
            if (vertx.closed()) {
                group.close();
            }
        }
        return group;
    }

    /** True once the client's connection has closed. */
    public static boolean clientGone(Message response) {
        HttpServerResponse vertx = vertx(response);
        return vertx != null && vertx.closed();
    }

    static HttpServerResponse vertx(Message response) {
        return response instanceof HttpMessage http ? http.getResponse() : null;
    }
}

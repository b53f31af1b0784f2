package org.streamvault.restream;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.impl.BufferImpl;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.streamvault.hls.LiveTail;
import org.streamvault.hls.MasterPlaylistWriter;
import org.streamvault.hls.MediaPlaylistCache;
import org.streamvault.hls.MediaPlaylistWriter;
import org.streamvault.segments.ContainsHolesException;
import org.streamvault.segments.HourListing;
import org.streamvault.segments.Segment;
import org.streamvault.segments.SegmentStore;
import org.streamvault.segments.Selection;
import org.streamvault.segments.Timestamps;

/**
 * {@code GET /playlist/{channel}.m3u8} (master) and {@code GET /playlist/{channel}/{quality}.m3u8}
 * (media) for an optional {@code start}/{@code end} range; see {@link MediaPlaylistWriter}. Media
 * playlists are rendered through a {@link MediaPlaylistCache}, so an hour whose listing has not
 * changed is not formatted again.
 */
public class PlaylistProcessor extends ApiProcessor {
    static final String CONTENT_TYPE = "application/vnd.apple.mpegurl";
    private static final int BANDWIDTH_SAMPLE = 10;

    private final SegmentStore store;
    private final long liveTailMicros;
    private final MediaPlaylistCache cache;

    /** @param cacheBytes at most this many bytes of rendered hours are kept (see {@link MediaPlaylistCache}) */
    public PlaylistProcessor(SegmentStore store, long liveTailMicros, long cacheBytes) {
        this.store = store;
        this.liveTailMicros = liveTailMicros;
        this.cache = new MediaPlaylistCache(cacheBytes);
    }

    @Override
    protected void handle(Request request, Message response) {
        String channel = request.param("channel");
        String quality = request.param("quality");
        String start = request.param("start");
        String end = request.param("end");
        if (!store.hasChannel(channel)) {
            throw HttpProblem.notFound("unknown channel '" + channel + "'");
        }
        if (quality == null) {
            String master = master(channel, start, end);
            response.setHeader(Exchange.CONTENT_TYPE, CONTENT_TYPE);
            if (request.isHead()) { // the length, without the body Camel would otherwise send
                setRawHeader(response, "Content-Length",
                        Integer.toString(master.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
                return;
            }
            response.setBody(master);
            return;
        }
        List<ByteBuffer> body = media(channel, quality, start, end);
        response.setHeader(Exchange.CONTENT_TYPE, CONTENT_TYPE);
        if (request.isHead()) {
            long length = 0;
            for (ByteBuffer b : body) {
                length += b.remaining();
            }
            setRawHeader(response, "Content-Length", Long.toString(length));
            return;
        }
        // A Vert.x buffer is written to the socket whole: here one composite of the cache's
        // direct buffers, sent by a gathering write without copying. A byte[] would go through
        // Camel's 4 KB stream pump, which took longer than rendering a 24-hour playlist.
        // (BufferImpl.buffer(ByteBuf) is what Vert.x 4.5 offers in place of the deprecated
        // Buffer.buffer(ByteBuf).)
        response.setBody(response instanceof HttpMessage
                ? BufferImpl.buffer(Unpooled.wrappedBuffer(body.toArray(new ByteBuffer[0])))
                : MediaPlaylistCache.join(body));
    }

    private List<ByteBuffer> media(String channel, String quality, String start, String end) {
        if (!store.hasQuality(channel, quality)) {
            throw HttpProblem.notFound("unknown quality '" + quality + "' of channel '" + channel + "'");
        }
        // the hour directories are listed only to fill in a missing bound
        List<Long> hours = start != null && end != null ? List.of() : store.hourStarts(channel, quality);
        TimeRange range = TimeRange.parse(start, end, hours);
        Selection selection = select(channel, quality, range);
        var entries = selection.entries();
        if (range.openEnded()) {
            entries = LiveTail.trim(entries, System.currentTimeMillis() * 1000, liveTailMicros);
        }
        return cache.render(channel, quality, entries, s -> {
            HourListing listing = store.lastListing(channel, quality, s.hour());
            return listing == null ? null : listing.best();
        });
    }

    private String master(String channel, String start, String end) {
        List<MasterPlaylistWriter.Variant> variants = new ArrayList<>();
        StringBuilder query = new StringBuilder();
        if (start != null) {
            TimeRange.parseTime("start", start);
            query.append("start=").append(start);
        }
        if (end != null) {
            TimeRange.parseTime("end", end);
            query.append(query.isEmpty() ? "" : "&").append("end=").append(end);
        }
        for (String quality : store.qualities(channel)) {
            List<Long> hours = store.hourStarts(channel, quality);
            if (hours.isEmpty()) {
                continue;
            }
            TimeRange range = TimeRange.parse(start, end, hours);
            Selection selection = select(channel, quality, range);
            if (!selection.isEmpty()) {
                variants.add(new MasterPlaylistWriter.Variant(quality, bandwidth(selection.segments())));
            }
        }
        return MasterPlaylistWriter.render(channel, variants, query.toString());
    }

    private Selection select(String channel, String quality, TimeRange range) {
        try {
            return store.select(channel, quality, range.startMicros(), range.endMicros(), true);
        } catch (ContainsHolesException e) {
            throw new IllegalStateException("holes are allowed here", e);
        }
    }

    /** Bits per second of the first few segments: enough for a player to rank qualities. */
    private static long bandwidth(List<Segment> segments) {
        long bytes = 0;
        long micros = 0;
        for (Segment s : segments.subList(0, Math.min(BANDWIDTH_SAMPLE, segments.size()))) {
            bytes += s.size();
            micros += s.durationMicros();
        }
        return micros == 0 ? 1 : bytes * 8 * Timestamps.MICROS_PER_SECOND / micros;
    }
}

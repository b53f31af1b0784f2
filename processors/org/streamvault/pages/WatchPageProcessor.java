package org.streamvault.pages;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.streamvault.restream.ApiProcessor;
import org.streamvault.restream.HttpProblem;
import org.streamvault.segments.SegmentStore;
import org.streamvault.segments.StorePathException;

/**
 * {@code GET /watch/{channel}/{quality}?start&end}: {@link WatchPage}. Names are checked as the
 * restreamer checks them (403 for hidden or path-like names); an unknown channel/quality or an
 * unreadable range is an HTML page with the reason and a link home, never an empty player.
 */
public class WatchPageProcessor extends ApiProcessor {
    private final SegmentStore store;
    private final NodeInfo node;

    public WatchPageProcessor(SegmentStore store, NodeInfo node) {
        this.store = store;
        this.node = node;
    }

    @Override
    protected void handle(Request request, Message response) {
        response.setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
        response.setHeader("Cache-Control", "no-cache");
        String html;
        try {
            html = page(request);
        } catch (HttpProblem problem) {
            response.setHeader(Exchange.HTTP_RESPONSE_CODE, problem.status());
            html = ErrorPage.render(problem.status(), problem.getMessage());
        } catch (StorePathException e) {
            response.setHeader(Exchange.HTTP_RESPONSE_CODE, 403);
            html = ErrorPage.render(403, e.getMessage());
        }
        response.setBody(request.isHead() ? null : html);
    }

    private String page(Request request) {
        String channel = request.param("channel");
        String quality = request.param("quality");
        String start = request.param("start");
        String end = request.param("end");
        if (!store.hasChannel(channel)) {
            throw HttpProblem.notFound("This node has no channel '" + channel + "'.");
        }
        if (!store.hasQuality(channel, quality)) {
            throw HttpProblem.notFound("Channel '" + channel + "' has no quality '" + quality + "'.");
        }
        long now = System.currentTimeMillis() * 1000;
        RangeInput.Range range;
        try {
            range = RangeInput.parse(start, end, now);
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest(e.getMessage());
        }
        return WatchPage.render(node.name(), StreamSummary.of(store, channel, quality), store.qualities(channel), start,
                end, range, now);
    }
}

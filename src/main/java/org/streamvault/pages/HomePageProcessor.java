package org.streamvault.pages;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.streamvault.restream.ApiProcessor;
import org.streamvault.segments.SegmentStore;

/** {@code GET /}: {@link HomePage} over what the store holds now. */
public class HomePageProcessor extends ApiProcessor {
    private final SegmentStore store;
    private final NodeInfo node;

    public HomePageProcessor(SegmentStore store, NodeInfo node) {
        this.store = store;
        this.node = node;
    }

    @Override
    protected void handle(Request request, Message response) {
        response.setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setBody(request.isHead() ? null : HomePage.render(node, StreamSummary.all(store)));
    }
}

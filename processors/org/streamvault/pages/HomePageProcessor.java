package org.streamvault.pages;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.streamvault.restream.ApiProcessor;
import org.streamvault.segments.SegmentStore;

/** {@code GET /}: {@link HomePage} over what the store holds now, shaded by coverage when that runs. */
public class HomePageProcessor extends ApiProcessor {
    private final SegmentStore store;
    private final NodeInfo node;
    private final CoverageStrip strip;

    /** @param strip null when the coverage component does not run */
    public HomePageProcessor(SegmentStore store, NodeInfo node, CoverageStrip strip) {
        this.store = store;
        this.node = node;
        this.strip = strip;
    }

    @Override
    protected void handle(Request request, Message response) {
        response.setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setBody(request.isHead() ? null : HomePage.render(node, StreamSummary.all(store), strip,
                System.currentTimeMillis() * 1000));
    }
}

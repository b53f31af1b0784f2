package org.streamvault.download.route;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.streamvault.download.SegmentFetcher;
import org.streamvault.segments.SegmentType;

/**
 * The fetch route's step ({@code downloader-fetch-segment-*}): runs the body's {@link SegmentFetcher}
 * on this (pool) thread and says what was saved in header {@code segmentType} ({@code full},
 * {@code suspect}, {@code partial}, or {@code none}), with the URI in {@code segmentUri}.
 *
 * <p>The fetcher uses the downloader's own HTTP client, not a camel-http {@code to}: camel-http
 * 4.14 drains a response body before {@code to} returns, and a segment must be hashed and written
 * as it arrives, timed, and abortable mid-body (see docs/ARCHITECTURE.md, Downloader).
 */
final class FetchSegmentProcessor implements Processor {
    @Override
    public void process(Exchange exchange) throws Exception {
        SegmentFetcher fetcher = exchange.getMessage().getMandatoryBody(SegmentFetcher.class);
        exchange.getMessage().setHeader("segmentUri", fetcher.uri().toString());
        SegmentType saved = fetcher.fetch();
        exchange.getMessage().setHeader("segmentType", saved == null ? "none" : saved.text());
        exchange.getMessage().setBody(null);
    }
}

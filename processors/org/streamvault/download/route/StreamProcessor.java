package org.streamvault.download.route;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.streamvault.download.Downloader;
import org.streamvault.download.StreamRecorder;

/** A downloader route step for the stream its template instance set in the channel and quality headers. */
abstract class StreamProcessor implements Processor {
    private final Downloader downloader;

    StreamProcessor(Downloader downloader) {
        this.downloader = downloader;
    }

    @Override
    public final void process(Exchange exchange) throws Exception {
        process(exchange, downloader.stream(exchange.getMessage().getHeader("channel", String.class),
                exchange.getMessage().getHeader("quality", String.class)));
    }

    abstract void process(Exchange exchange, StreamRecorder recorder) throws Exception;
}

package org.streamvault.download.route;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.streamvault.download.Downloader;

/** Runs one stream's due work; the route template's timer says which stream in headers. */
public final class DownloaderTickProcessor implements Processor {
    private final Downloader downloader;

    public DownloaderTickProcessor(Downloader downloader) {
        this.downloader = downloader;
    }

    @Override
    public void process(Exchange exchange) {
        downloader.tick(exchange.getMessage().getHeader("channel", String.class),
                exchange.getMessage().getHeader("quality", String.class));
    }
}

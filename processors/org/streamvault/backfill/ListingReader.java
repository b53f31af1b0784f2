package org.streamvault.backfill;

import java.io.IOException;
import java.io.InputStream;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Turns a peer's raw {@code /files...} response into a list of names ({@link RemoteListing}); an
 * error status fails the exchange with a one-line {@link IOException}.
 */
public final class ListingReader implements Processor {
    @Override
    public void process(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        String url = exchange.getIn().getHeader(Exchange.HTTP_URI, String.class);
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        try (InputStream body = message.getBody(InputStream.class)) {
            if (status != 200) {
                throw new PeerStatusException(url, status);
            }
            message.setBody(RemoteListing.parse(body, url));
        }
    }
}

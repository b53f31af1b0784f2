package org.streamvault.backfill;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Saves a peer's raw {@code /segments/...} response stream through {@link SegmentWriter}, so the
 * body goes to disk (hashed on the way) as it arrives. The body is the {@link FetchOutcome};
 * 404 means the peer no longer has the file; any other error status fails the exchange.
 */
public final class SegmentReceiver implements Processor {
    @Override
    public void process(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        String url = exchange.getIn().getHeader(Exchange.HTTP_URI, String.class);
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        Path hourDir = exchange.getProperty(CamelPeerClient.HOUR_DIR, Path.class);
        String name = exchange.getProperty(CamelPeerClient.FILE_NAME, String.class);
        try (InputStream body = message.getBody(InputStream.class)) {
            if (status == 404) {
                message.setBody(FetchOutcome.GONE);
            } else if (status != 200) {
                throw new IOException(url + " answered HTTP " + status);
            } else {
                message.setBody(SegmentWriter.save(body == null ? InputStream.nullInputStream() : body, hourDir, name));
            }
        }
    }
}

package org.streamvault.backfill;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.streamvault.hls.UriPaths;

/**
 * {@link PeerClient} over the backfiller's routes: {@code direct:backfiller-list-peer-files}
 * and {@code direct:backfiller-fetch-segment-from-peer} call the peer through camel-http (the
 * URL travels in {@link Exchange#HTTP_URI}, so one endpoint serves every peer and file) and
 * hand the raw response stream to {@link ListingReader} or {@link SegmentReceiver}.
 */
public final class CamelPeerClient implements PeerClient {
    public static final String LIST_ROUTE = "direct:backfiller-list-peer-files";
    public static final String FETCH_ROUTE = "direct:backfiller-fetch-segment-from-peer";
    /** Exchange property: the local hour directory a fetched file goes to. */
    public static final String HOUR_DIR = "streamvaultBackfillHourDir";
    /** Exchange property: the file name being fetched. */
    public static final String FILE_NAME = "streamvaultBackfillFileName";
    /** Added to hour listings, so peers that list tombstones only when asked list them. */
    static final String TOMBSTONES_QUERY = "?tombstones=true";
    /** Exchange property: {@link System#nanoTime()} when the request was sent (the body timeout counts from it). */
    public static final String STARTED_NANOS = "streamvaultBackfillStartedNanos";

    private final CamelContext camelContext;
    private volatile ProducerTemplate template;

    public CamelPeerClient(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    /**
     * An hour listing ({@code channel/quality/hour}) asks for tombstones too: a wubloader
     * restreamer lists them only when asked, and an older Streamvault, which ignores the
     * parameter, lists them anyway.
     */
    @Override
    public List<String> list(Peer peer, String... pathParts) throws IOException {
        String url = url(peer, "files", pathParts) + (pathParts.length == 3 ? TOMBSTONES_QUERY : "");
        Exchange result = template().send(LIST_ROUTE, e -> e.getMessage().setHeader(Exchange.HTTP_URI, url));
        rethrow(result);
        @SuppressWarnings("unchecked")
        List<String> names = result.getMessage().getBody(List.class);
        return names;
    }

    @Override
    public FetchOutcome fetch(Peer peer, String channel, String quality, String hour, String name, Path hourDir)
            throws IOException {
        String url = url(peer, "segments", channel, quality, hour, name);
        Exchange result = template().send(FETCH_ROUTE, e -> {
            e.getMessage().setHeader(Exchange.HTTP_URI, url);
            e.setProperty(HOUR_DIR, hourDir);
            e.setProperty(FILE_NAME, name);
            e.setProperty(STARTED_NANOS, System.nanoTime());
        });
        rethrow(result);
        return result.getMessage().getBody(FetchOutcome.class);
    }

    static String url(Peer peer, String root, String... parts) {
        StringBuilder sb = new StringBuilder(peer.url()).append('/').append(root);
        for (String part : parts) {
            UriPaths.appendEncoded(sb.append('/'), part);
        }
        return sb.toString();
    }

    private static void rethrow(Exchange result) throws IOException {
        Exception e = result.getException();
        if (e instanceof IOException io) {
            throw io;
        }
        if (e != null) {
            throw new IOException(PeerWorker.oneLine(e), e);
        }
    }

    private ProducerTemplate template() {
        ProducerTemplate t = template;
        if (t == null) {
            synchronized (this) {
                t = template;
                if (t == null) {
                    t = camelContext.createProducerTemplate();
                    template = t;
                }
            }
        }
        return t;
    }
}

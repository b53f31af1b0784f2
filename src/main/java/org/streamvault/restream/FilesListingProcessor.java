package org.streamvault.restream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.streamvault.segments.SegmentStore;

/**
 * {@code GET /files[/{channel}[/{quality}[/{hour}]]]}: JSON lists of what the store holds, in
 * the shape wubloader's backfiller reads. Absent directories list as {@code []}, as they do
 * there, so a peer that has not recorded a channel yet is not an error.
 */
public class FilesListingProcessor extends ApiProcessor {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SegmentStore store;

    public FilesListingProcessor(SegmentStore store) {
        this.store = store;
    }

    @Override
    protected void handle(Request request, Message response) {
        String channel = request.param("channel");
        String quality = request.param("quality");
        String hour = request.param("hour");
        List<String> names;
        if (channel == null) {
            names = store.channels();
        } else if (quality == null) {
            names = store.qualities(channel);
        } else if (hour == null) {
            names = store.hours(channel, quality);
        } else {
            names = new java.util.ArrayList<>(store.hour(channel, quality, hour).visibleNames());
            java.util.Collections.sort(names);
        }
        response.setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            response.setBody(JSON.writeValueAsString(names));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.streamvault.restream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.streamvault.segments.SegmentName;
import org.streamvault.segments.SegmentStore;

/**
 * {@code GET /files[/{channel}[/{quality}[/{hour}]]]}: JSON lists of what the store holds, in
 * the shape wubloader's backfiller reads. Absent directories list as {@code []}, as they do
 * there, so a peer that has not recorded a channel yet is not an error.
 *
 * <p>An hour lists its {@code .ts} files only (other names are not segments, and wubloader's
 * backfiller would warn about each on every pass); its {@code .tombstone} files are listed too
 * when asked with {@code ?tombstones=true}, as wubloader's restreamer does ({@code true} or
 * {@code false} in any case; anything else is a 400). Without the parameter a wubloader
 * restreamer lists no tombstones, and neither do we.
 */
public class FilesListingProcessor extends ApiProcessor {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOMBSTONE_SUFFIX = ".tombstone";
    private final SegmentStore store;

    public FilesListingProcessor(SegmentStore store) {
        this.store = store;
    }

    static boolean tombstones(Request request) {
        String value = request.param("tombstones");
        if (value == null) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw HttpProblem.badRequest("tombstones must be one of: true, false");
        };
    }

    /** The names a peer may fetch: segments, and tombstones if asked for; sorted. */
    static List<String> hourNames(List<String> visible, boolean tombstones) {
        List<String> names = new ArrayList<>(visible.size());
        for (String name : visible) {
            if (name.endsWith(SegmentName.EXTENSION)
                    || (tombstones && name.endsWith(TOMBSTONE_SUFFIX))) {
                names.add(name);
            }
        }
        Collections.sort(names);
        return names;
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
            names = hourNames(store.hour(channel, quality, hour).visibleNames(), tombstones(request));
        }
        response.setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            response.setBody(JSON.writeValueAsString(names));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

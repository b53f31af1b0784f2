package org.streamvault.editor;

import java.io.IOException;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamvault.images.ProcessGroup;
import org.streamvault.images.ThumbnailException;
import org.streamvault.images.ThumbnailSpec;
import org.streamvault.restream.HttpProblem;
import org.streamvault.restream.ImageRequests;
import org.streamvault.segments.RateLimitedLog;

/**
 * {@code GET /thrimshim/event-thumbnail/{id}.png} (SPEC §10): the row's thumbnail as the cutter
 * sets it: the saved image when the row has one (the upload for CUSTOM, the cutter's copy for BARE
 * and TEMPLATE), else rendered now from the row's inputs with the cutter's renderer. 404 for no such
 * row or mode NONE, 406 when the inputs make no thumbnail (no video at the time, no such template).
 * ffmpeg is stopped if the client goes away.
 */
public class EventThumbnailProcessor extends EditorProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(EventThumbnailProcessor.class);
    private static final RateLimitedLog FAILURE_LOG = new RateLimitedLog(10_000);

    public EventThumbnailProcessor(Supplier<EditorApi> api) {
        super(api);
    }

    @Override
    protected void answer(Request request, Message response) {
        String id = EditorApi.id(request.param("id"));
        ThumbnailSpec spec = api.store().thumbnail(id);
        if (spec == null) {
            throw HttpProblem.notFound("no event with id " + id);
        }
        if (spec.isNone()) {
            throw HttpProblem.notFound("event " + id + " has no thumbnail (thumbnail_mode NONE)");
        }
        response.setHeader(Exchange.CONTENT_TYPE, "image/png");
        response.setHeader("Cache-Control", "no-store");
        if (request.isHead()) {
            return;
        }
        if (spec.image() != null) {
            response.setBody(spec.image());
            return;
        }
        try (ProcessGroup group = ImageRequests.processes(response, api.images().killGrace())) {
            response.setBody(api.images().renderer().render(spec, group));
        } catch (ThumbnailException e) {
            throw new HttpProblem(406, "no thumbnail for event " + id + ": " + e.getMessage());
        } catch (IOException e) {
            if (ImageRequests.clientGone(response)) {
                return;
            }
            FAILURE_LOG.log(LOG::warn, "thumbnail of event " + id + " failed: " + e.getMessage());
            throw new HttpProblem(500, "thumbnail failed: " + e.getMessage());
        }
    }
}

package org.streamvault.restream;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamvault.db.DatabaseUnavailableException;
import org.streamvault.db.NodeDatabase;
import org.streamvault.images.Box;
import org.streamvault.images.FrameGrabber;
import org.streamvault.images.NoMediaException;
import org.streamvault.images.Png;
import org.streamvault.images.ProcessGroup;
import org.streamvault.images.Template;
import org.streamvault.images.TemplateStore;
import org.streamvault.images.ThumbnailComposer;
import org.streamvault.segments.RateLimitedLog;
import org.streamvault.segments.Segment;
import org.streamvault.segments.SegmentStore;

/**
 * {@code /thumbnail/{channel}/{quality}.png?timestamp=T[&crop=l,t,r,b&location=l,t,r,b]} (SPEC §10):
 * the frame at T composed into a template, as a PNG the size of the template.
 *
 * <ul>
 *   <li>{@code GET ...&template=NAME}: a template from the {@code templates} table; {@code crop} and
 *       {@code location} default to the template's own. 404 for an unknown name, 503 when the node
 *       has no database or it is down.</li>
 *   <li>{@code POST} with a PNG body: a custom template (PNG signature checked, at most
 *       {@code maxTemplateBytes}); {@code crop} defaults to the whole frame, {@code location} to the
 *       whole template.</li>
 * </ul>
 * Boxes that are not four integers, empty, or reach outside their image are 400. In memory: one
 * decoded frame, one template and the result.
 */
public class ThumbnailProcessor extends ApiProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(ThumbnailProcessor.class);
    private static final RateLimitedLog FAILURE_LOG = new RateLimitedLog(10_000);

    private final SegmentStore store;
    private final FrameGrabber grabber;
    private final NodeDatabase database;
    private final int maxTemplateBytes;
    private final long maxPixels;
    private final Duration killGrace;
    private volatile TemplateStore templates;

    /**
     * @param maxTemplateBytes the largest custom template accepted
     * @param maxPixels        the most pixels a template (or frame) may have
     */
    public ThumbnailProcessor(SegmentStore store, FrameGrabber grabber, NodeDatabase database, int maxTemplateBytes,
            long maxPixels, Duration killGrace) {
        this.store = store;
        this.grabber = grabber;
        this.database = database;
        this.maxTemplateBytes = maxTemplateBytes;
        this.maxPixels = maxPixels;
        this.killGrace = killGrace;
    }

    @Override
    protected void handle(Request request, Message response) {
        long at = ImageRequests.timestamp(request);
        Box crop = box(request, "crop");
        Box location = box(request, "location");
        ImageRequests.requireStream(store, request.param("channel"), request.param("quality"));
        BufferedImage template;
        if ("POST".equals(request.method())) {
            if (request.param("template") != null) {
                throw HttpProblem.badRequest("give template=NAME with GET, or POST a template PNG, not both");
            }
            template = customTemplate(request.body());
        } else {
            Template named = namedTemplate(request.param("template"));
            template = decode(named);
            crop = crop != null ? crop : named.crop();
            location = location != null ? location : named.location();
        }
        if (location == null) {
            location = Box.whole(template.getWidth(), template.getHeight());
        }
        inside(location, "location", "the template", template.getWidth(), template.getHeight());
        Segment segment = ImageRequests.segmentAt(store, request.param("channel"), request.param("quality"), at);
        response.setHeader(Exchange.CONTENT_TYPE, "image/png");
        if (request.isHead()) {
            return;
        }
        BufferedImage frame;
        try (ProcessGroup group = ImageRequests.processes(response, killGrace)) {
            frame = grabber.grab(group, segment.path(), at - segment.startMicros(), maxPixels);
        } catch (NoMediaException e) {
            throw new HttpProblem(406, e.getMessage());
        } catch (IOException e) {
            if (ImageRequests.clientGone(response)) {
                return; // nobody left to answer
            }
            FAILURE_LOG.log(LOG::warn, "thumbnail frame of " + segment + " failed: " + e.getMessage());
            throw new HttpProblem(500, "frame failed: " + e.getMessage());
        }
        if (crop == null) {
            crop = Box.whole(frame.getWidth(), frame.getHeight());
        }
        inside(crop, "crop", "the frame", frame.getWidth(), frame.getHeight());
        response.setBody(Png.write(ThumbnailComposer.compose(frame, template, crop, location)));
    }

    private static Box box(Request request, String name) {
        String text = request.param(name);
        if (text == null) {
            return null;
        }
        try {
            return Box.parse(name, text);
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest(e.getMessage());
        }
    }

    private static void inside(Box box, String what, String image, int width, int height) {
        try {
            box.checkInside(what, image, width, height);
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest(e.getMessage());
        }
    }

    private BufferedImage customTemplate(byte[] body) {
        if (body == null || body.length == 0) {
            throw HttpProblem.badRequest("POST the template as a PNG body (or GET with template=NAME)");
        }
        if (body.length > maxTemplateBytes) {
            throw new HttpProblem(413, "the template is " + body.length + " bytes; at most " + maxTemplateBytes);
        }
        try {
            return Png.read(body, maxPixels, "the template");
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest(e.getMessage());
        }
    }

    private Template namedTemplate(String name) {
        if (name == null || name.isBlank()) {
            throw HttpProblem.badRequest("template=NAME is required (or POST a template PNG)");
        }
        if (!database.isConfigured()) {
            throw new HttpProblem(503, "named templates need a database and this node has none (streamvault.db.url);"
                    + " POST the template PNG instead");
        }
        Template template;
        try {
            template = templates().find(name);
        } catch (DatabaseUnavailableException e) {
            throw new HttpProblem(503, "the database is unavailable; try again shortly");
        }
        if (template == null) {
            throw HttpProblem.notFound("no template named '" + name + "'");
        }
        return template;
    }

    private BufferedImage decode(Template named) {
        try {
            return Png.read(named.image(), maxPixels, "template '" + named.name() + "'");
        } catch (IllegalArgumentException e) {
            FAILURE_LOG.log(LOG::warn, e.getMessage());
            throw new HttpProblem(500, e.getMessage() + "; replace its image");
        }
    }

    private TemplateStore templates() {
        if (templates == null) {
            templates = new TemplateStore(database.require("named thumbnail templates"));
        }
        return templates;
    }
}

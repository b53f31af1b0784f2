package org.streamvault.restream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamvault.cut.CutPart;
import org.streamvault.cut.CutRange;
import org.streamvault.cut.CutRequest;
import org.streamvault.cut.CutStream;
import org.streamvault.cut.CutType;
import org.streamvault.cut.Cutter;
import org.streamvault.cut.Transition;
import org.streamvault.cut.TransitionTypes;
import org.streamvault.metrics.NodeMetrics;
import org.streamvault.segments.ContainsHolesException;
import org.streamvault.segments.SegmentStore;
import org.streamvault.segments.Selection;

/**
 * {@code GET /cut/{channel}/{quality}.ts} and {@code .mp4}: a cut of one or more ranges (SPEC §4).
 *
 * <p>Parameters: {@code start} and {@code end}, or {@code range=START,END} repeated for several
 * ranges cut back to back (not both), joined by {@code transition=TYPE,DURATION} (an ffmpeg
 * {@code xfade} transition, seconds) or {@code transition=} (a hard cut), one per join, or none
 * at all for hard cuts throughout; {@code allow_holes=true|false} (default false);
 * {@code type=rough|fast|smart|mpegts} at {@code .ts} (default fast, as wubloader), {@code mp4}
 * at {@code .mp4}. Bad parameters answer 400; holes without {@code allow_holes}, or no segment at
 * all, 406.
 *
 * <p>Over HTTP/1.x the cut is sent by {@link CutSender} from the request's event loop after this
 * processor returns ({@link #answeredLater}); behind {@link AsyncHttpEngine} no thread waits for
 * the client meanwhile. Over HTTP/2 the body is the {@link CutStream} itself, which
 * platform-http-vertx pumps out in chunks as ffmpeg produces them. Vert.x only closes the stream
 * after a complete response, so a client that goes away mid-cut is caught by the response's
 * close handler, which closes the cut (stopping ffmpeg, deleting temp files).
 */
public class CutProcessor extends ApiProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(CutProcessor.class);

    private final SegmentStore store;
    private final Cutter cutter;
    private final boolean mp4Path;
    private final int maxRanges;
    private final NodeMetrics metrics;

    /**
     * @param mp4Path   true for the {@code .mp4} route, which serves only {@code type=mp4}
     * @param maxRanges the most {@code range} parameters one request may give
     */
    public CutProcessor(SegmentStore store, Cutter cutter, boolean mp4Path, int maxRanges, NodeMetrics metrics) {
        this.store = store;
        this.cutter = cutter;
        this.mp4Path = mp4Path;
        this.maxRanges = maxRanges;
        this.metrics = metrics;
    }

    @Override
    protected void handle(Request request, Message response) {
        String channel = request.param("channel");
        String quality = request.param("quality");
        CutType type = type(request.param("type"));
        boolean allowHoles = allowHoles(request.param("allow_holes"));
        List<CutRange> ranges = ranges(request);
        List<Transition> transitions = transitions(request, ranges.size());
        check(type, ranges, transitions);
        if (!store.hasQuality(channel, quality)) {
            throw HttpProblem.notFound("unknown channel/quality '" + channel + "/" + quality + "'");
        }
        CutRequest cut = new CutRequest(type, select(channel, quality, ranges, allowHoles), transitions, null);
        if (cut.isEmpty()) {
            throw new HttpProblem(406, "no segments in the requested range");
        }
        response.setHeader(Exchange.CONTENT_TYPE, type.contentType());
        if (request.isHead()) {
            return;
        }
        CutStream stream;
        try {
            stream = cutter.open(cut);
        } catch (IllegalArgumentException e) {
            // holes leave a range less recording than its transitions need
            throw HttpProblem.badRequest(e.getMessage());
        }
        record(stream, type);
        if (!send(response, stream)) {
            response.setBody(body(response, stream));
        }
    }

    /**
     * Over HTTP/1.x, starts sending the cut itself ({@link CutSender}), big chunks with
     * back-pressure, instead of Camel's body pump. Runs on the worker of the route, whose current
     * Vert.x context is the request's event loop.
     *
     * @return false when the cut must go out through Camel (HTTP/2, or outside platform-http-vertx)
     */
    private static boolean send(Message response, CutStream stream) {
        Context eventLoop = Vertx.currentContext();
        if (!(response instanceof HttpMessage http) || http.getResponse() == null || http.getRequest() == null
                || http.getRequest().version() == HttpVersion.HTTP_2 || eventLoop == null) {
            return false;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        response.getHeaders().forEach((name, value) -> {
            if (!name.startsWith("Camel") && value != null) {
                headers.put(name, value.toString());
            }
        });
        HttpServerRequest request = http.getRequest();
        answeredLater(response, CutSender.send(http.getResponse(), eventLoop, request.connection(),
                response.getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class), headers, stream));
        return true;
    }

    private CutType type(String text) {
        if (text == null) {
            return mp4Path ? CutType.MP4 : CutType.FAST;
        }
        CutType type;
        try {
            type = CutType.parse(text);
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest(e.getMessage());
        }
        if (mp4Path != (type == CutType.MP4)) {
            throw HttpProblem.badRequest(mp4Path ? "only type=mp4 is served as .mp4; use .ts for " + type.id()
                    : "type=mp4 is served at /cut/{channel}/{quality}.mp4");
        }
        return type;
    }

    private static boolean allowHoles(String text) {
        if (text == null) {
            return false;
        }
        // exactly as SPEC §4 says (clients send JSON-style lowercase); anything else is a mistake worth reporting
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw HttpProblem.badRequest("allow_holes must be true or false, not '" + text + "'");
        };
    }

    private List<CutRange> ranges(Request request) {
        List<String> given = request.params("range");
        String start = request.param("start");
        String end = request.param("end");
        List<CutRange> out = new ArrayList<>();
        if (given.isEmpty()) {
            if (start == null || end == null) {
                throw HttpProblem.badRequest("a cut needs start and end, or range=START,END");
            }
            out.add(range(start, end));
            return out;
        }
        if (start != null || end != null) {
            throw HttpProblem.badRequest("give either start/end or range parameters, not both");
        }
        if (given.size() > maxRanges) {
            throw HttpProblem.badRequest("at most " + maxRanges + " ranges in one cut");
        }
        for (String r : given) {
            String[] bounds = r.split(",", -1);
            if (bounds.length != 2) {
                throw HttpProblem.badRequest("range must be START,END, not '" + r + "'");
            }
            out.add(range(bounds[0], bounds[1]));
        }
        return out;
    }

    /**
     * The {@code transition} parameters, one per join in order: {@code TYPE,DURATION} (an xfade
     * transition and seconds) or empty for a hard cut. None at all means hard cuts throughout.
     */
    private static List<Transition> transitions(Request request, int ranges) {
        List<String> given = request.params("transition");
        List<Transition> out = new ArrayList<>();
        if (given.isEmpty()) {
            return null;
        }
        if (given.size() != ranges - 1) {
            throw HttpProblem.badRequest(ranges + " ranges need " + (ranges - 1) + " transition parameters (one per join,"
                    + " empty for a hard cut), not " + given.size());
        }
        for (String t : given) {
            if (t.isEmpty()) {
                out.add(null);
                continue;
            }
            String[] f = t.split(",", -1);
            if (f.length != 2) {
                throw HttpProblem.badRequest("transition must be TYPE,DURATION or empty, not '" + t + "'");
            }
            if (!TransitionTypes.isKnown(f[0])) {
                throw HttpProblem.badRequest("unknown transition type '" + f[0] + "' (GET /thrimshim/transitions lists them)");
            }
            double seconds;
            try {
                seconds = Double.parseDouble(f[1]);
            } catch (NumberFormatException e) {
                seconds = Double.NaN;
            }
            if (!(seconds > 0) || Double.isInfinite(seconds)) {
                throw HttpProblem.badRequest("transition duration must be a positive number of seconds, not '" + f[1] + "'");
            }
            out.add(Transition.of(f[0], seconds));
        }
        return out;
    }

    /** The request's own rules (counts, transitions fitting their ranges, none in a rough cut), before any selecting. */
    private static void check(CutType type, List<CutRange> ranges, List<Transition> transitions) {
        try {
            CutRequest.checkJoins(type, ranges, transitions);
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest(e.getMessage());
        }
    }

    private static CutRange range(String start, String end) {
        long s = TimeRange.parseTime("start", start);
        long e = TimeRange.parseTime("end", end);
        if (e <= s) {
            throw HttpProblem.badRequest("end must be after start (" + start + " to " + end + ")");
        }
        return new CutRange(s, e);
    }

    private List<CutPart> select(String channel, String quality, List<CutRange> ranges, boolean allowHoles) {
        List<CutPart> parts = new ArrayList<>();
        for (CutRange range : ranges) {
            try {
                Selection selection = store.select(channel, quality, range.startMicros(), range.endMicros(), allowHoles);
                parts.add(new CutPart(range, selection));
            } catch (ContainsHolesException e) {
                throw new HttpProblem(406, "the range " + range + " has holes (" + e.getMessage()
                        + "); pass allow_holes=true to cut it anyway");
            }
        }
        return parts;
    }

    /**
     * Vert.x calls a response's close handler when the connection drops before the response
     * ended; the cut is closed there (close never blocks, so the event loop is safe). Outside
     * platform-http-vertx the cut is only closed by its reader.
     */
    private static CutResponseBody body(Message response, CutStream stream) {
        if (response instanceof HttpMessage http && http.getResponse() != null) {
            HttpServerResponse vertx = http.getResponse();
            CutResponseBody body = new CutResponseBody(stream, new CutResponseBody.Response() {
                @Override
                public boolean headWritten() {
                    return vertx.headWritten();
                }

                @Override
                public void becomeError(int status) {
                    vertx.setStatusCode(status).putHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
                }

                @Override
                public void reset() {
                    vertx.reset();
                }
            });
            vertx.closeHandler(v -> body.clientGone());
            if (vertx.closed()) {
                body.clientGone();
            }
            return body;
        }
        return new CutResponseBody(stream, new CutResponseBody.Response() {
            @Override
            public boolean headWritten() {
                return true;
            }

            @Override
            public void becomeError(int status) {
                // not reachable: the head counts as written
            }

            @Override
            public void reset() {
                // no connection to drop outside platform-http-vertx
            }
        });
    }

    private void record(CutStream stream, CutType type) {
        long started = System.nanoTime();
        stream.onClose(() -> {
            String outcome = stream.isComplete() ? "complete" : "aborted";
            var registry = metrics.registry();
            Timer.builder("streamvault.cut.requests").description("Cuts served over HTTP, by how they ended")
                    .tag("type", type.id()).tag("outcome", outcome).register(registry)
                    .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            Counter.builder("streamvault.cut.bytes").description("Bytes of cut video sent").baseUnit("bytes")
                    .tag("type", type.id()).register(registry).increment(stream.bytesRead());
            LOG.debug("cut {} {} after {} bytes", type.id(), outcome, stream.bytesRead());
        });
    }
}

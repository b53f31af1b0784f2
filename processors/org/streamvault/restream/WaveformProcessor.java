package org.streamvault.restream;

import java.io.IOException;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamvault.images.NoMediaException;
import org.streamvault.images.ProcessGroup;
import org.streamvault.images.Png;
import org.streamvault.images.WaveformPeaks;
import org.streamvault.images.WaveformRenderer;
import org.streamvault.segments.ContainsHolesException;
import org.streamvault.segments.RateLimitedLog;
import org.streamvault.segments.SegmentStore;
import org.streamvault.segments.Selection;

/**
 * {@code GET /waveform/{channel}/{quality}.png?start&end[&size=WxH]} (SPEC §10): the audio waveform
 * of a range, one column per {@code (end - start) / W}, for the editor to draw under its timeline.
 * Holes stay empty columns. 400 for bad or missing times, a size beyond the limits or a range
 * longer than {@code maxSeconds}; 406 when the range has no segment or no audio.
 */
public class WaveformProcessor extends ApiProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(WaveformProcessor.class);
    private static final RateLimitedLog FAILURE_LOG = new RateLimitedLog(10_000);
    static final String DEFAULT_SIZE = "1024x128";

    private final SegmentStore store;
    private final WaveformRenderer renderer;
    private final int maxWidth;
    private final int maxHeight;
    private final long maxSeconds;
    private final int rgb;
    private final Duration killGrace;

    public WaveformProcessor(SegmentStore store, WaveformRenderer renderer, int maxWidth, int maxHeight, long maxSeconds,
            int rgb, Duration killGrace) {
        this.store = store;
        this.renderer = renderer;
        this.maxWidth = maxWidth;
        this.maxHeight = maxHeight;
        this.maxSeconds = maxSeconds;
        this.rgb = rgb;
        this.killGrace = killGrace;
    }

    @Override
    protected void handle(Request request, Message response) {
        String startText = request.param("start");
        String endText = request.param("end");
        if (startText == null || endText == null) {
            throw HttpProblem.badRequest("a waveform needs start and end");
        }
        long start = TimeRange.parseTime("start", startText);
        long end = TimeRange.parseTime("end", endText);
        if (end <= start) {
            throw HttpProblem.badRequest("end must be after start");
        }
        if (end - start > maxSeconds * 1_000_000L) {
            throw HttpProblem.badRequest("a waveform covers at most " + maxSeconds + " s");
        }
        int[] size = size(request.param("size"));
        String channel = request.param("channel");
        String quality = request.param("quality");
        ImageRequests.requireStream(store, channel, quality);
        Selection selection;
        try {
            selection = store.select(channel, quality, start, end, true);
        } catch (ContainsHolesException e) {
            throw new IllegalStateException("holes are allowed here", e);
        }
        if (selection.segments().isEmpty()) {
            throw new HttpProblem(406, "no segments in the requested range");
        }
        response.setHeader(Exchange.CONTENT_TYPE, "image/png");
        if (request.isHead()) {
            return;
        }
        WaveformPeaks peaks;
        try (ProcessGroup group = ImageRequests.processes(response, killGrace)) {
            peaks = renderer.peaks(group, selection.segments(), start, end, size[0]);
        } catch (NoMediaException e) {
            throw new HttpProblem(406, e.getMessage());
        } catch (IOException e) {
            if (ImageRequests.clientGone(response)) {
                return; // nobody left to answer
            }
            FAILURE_LOG.log(LOG::warn, "waveform of " + channel + "/" + quality + " failed: " + e.getMessage());
            throw new HttpProblem(500, "waveform failed: " + e.getMessage());
        }
        response.setBody(Png.write(peaks.render(size[1], rgb)));
    }

    private int[] size(String text) {
        String given = text == null ? DEFAULT_SIZE : text;
        String[] parts = given.split("x", -1);
        int w;
        int h;
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            w = Integer.parseInt(parts[0]);
            h = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw HttpProblem.badRequest("size must be WIDTHxHEIGHT in pixels, e.g. " + DEFAULT_SIZE + ", not '" + given + "'");
        }
        if (w < 1 || h < 1 || w > maxWidth || h > maxHeight) {
            throw HttpProblem.badRequest("size must be between 1x1 and " + maxWidth + "x" + maxHeight + ", not " + given);
        }
        return new int[] {w, h};
    }
}

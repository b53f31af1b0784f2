package org.streamvault.pages;

import org.streamvault.coverage.CoverageCalculator;
import org.streamvault.coverage.HourCoverage;
import org.streamvault.segments.SegmentStore;
import org.streamvault.segments.Timestamps;

/**
 * The home page's coverage strip (when the coverage component runs): each hour link shaded by
 * the coverage checker's figures for that hour, as the coverage maps colour it — full (every
 * second held by full segments), partial (something, but not all of it editable) or missing.
 * An hour is judged up to the newest segment while it is still being recorded.
 */
public final class CoverageStrip {
    /** How one hour looks: a CSS class ({@code full}, {@code partial}, {@code missing}) and a tooltip. */
    public record Shade(String cssClass, String title) {
    }

    private final CoverageCalculator calculator;

    public CoverageStrip(SegmentStore store) {
        this.calculator = new CoverageCalculator(store);
    }

    public Shade shade(StreamSummary stream, long hourStartMicros, long nowMicros) {
        HourCoverage c = calculator.hour(stream.channel(), stream.quality(), hourStartMicros, nowMicros);
        long hourEnd = hourStartMicros + Timestamps.MICROS_PER_HOUR;
        long until = Math.min(hourEnd, nowMicros);
        if (stream.newestEndMicros() != null && stream.newestEndMicros() < hourEnd) {
            until = Math.min(until, stream.newestEndMicros());
        }
        long expected = Math.max(until - hourStartMicros, 1);
        long percent = Math.min(100, c.editableMicros() * 100 / expected);
        String cssClass = c.editableMicros() >= expected - 10_000 ? "full"
                : c.rawMicros() > 0 ? "partial" : "missing";
        String title = percent + "% editable, " + c.holes() + (c.holes() == 1 ? " hole" : " holes");
        return new Shade(cssClass, title);
    }
}

package org.streamvault.segments;

/**
 * Wraps every selection {@link SegmentStore#select} runs, so another component (metrics) can
 * time it without this library depending on it. The default, {@link #NONE}, just runs it.
 */
@FunctionalInterface
public interface SelectionInterceptor {
    SelectionInterceptor NONE = (channel, quality, selection) -> selection.run();

    /** Runs {@code selection} (exactly once) and returns or rethrows its outcome. */
    Selection around(String channel, String quality, SelectionCall selection) throws ContainsHolesException;

    /** The selection being wrapped. */
    @FunctionalInterface
    interface SelectionCall {
        Selection run() throws ContainsHolesException;
    }
}

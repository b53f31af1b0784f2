package org.streamvault.config;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;

/**
 * Lets a component end the node with an exit status, for one-shot runs such as
 * {@code ./streamvault backfill-once}: Camel Main has no public way to set its exit code, so
 * {@link StreamvaultMain} binds one of these as {@value #BEAN} and exits with what it holds.
 */
public final class NodeExit {
    public static final String BEAN = "nodeExit";
    private static final int UNSET = Integer.MIN_VALUE;

    private final AtomicInteger code = new AtomicInteger(UNSET);

    /**
     * Records {@code exitCode} (the first request wins) and stops the context from a thread of
     * its own, so the caller (perhaps a route) can finish while Camel shuts down gracefully.
     */
    public void request(int exitCode, CamelContext camelContext) {
        code.compareAndSet(UNSET, exitCode);
        Thread stopper = new Thread(camelContext::stop, "streamvault-exit");
        stopper.setDaemon(false);
        stopper.start();
    }

    /** True once a component asked the node to end. */
    public boolean requested() {
        return code.get() != UNSET;
    }

    /** The requested code, or {@code fallback} when nobody asked. */
    public int codeOr(int fallback) {
        int c = code.get();
        return c == UNSET ? fallback : c;
    }
}

package org.streamvault.backfill;

import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamvault.config.NodeExit;

/**
 * {@code streamvault.backfiller.once=true} ({@code ./streamvault backfill-once}): one pass
 * against every peer, then retention if it is on, then the node ends with status 0 when every
 * peer's pass went well and 1 otherwise. Handy for seeding a new node.
 */
public final class BackfillRunOnce {
    private static final Logger LOG = LoggerFactory.getLogger(BackfillRunOnce.class);

    private final Backfiller backfiller;
    private final RetentionPass retention;
    private final NodeExit exit;
    private final CamelContext camelContext;

    public BackfillRunOnce(Backfiller backfiller, RetentionPass retention, NodeExit exit, CamelContext camelContext) {
        this.backfiller = backfiller;
        this.retention = retention;
        this.exit = exit;
        this.camelContext = camelContext;
    }

    public void run() throws InterruptedException {
        boolean ok = backfiller.runOnce();
        retention.run();
        LOG.info("backfill-once: {}", ok ? "every peer copied without error" : "some peers failed (see above)");
        exit.request(ok ? 0 : 1, camelContext);
    }
}

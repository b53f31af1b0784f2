package org.streamvault.sheetsync.route;

import java.util.function.Supplier;
import org.streamvault.sheetsync.SyncRunner;

/**
 * What {@code routes/sheetsync.camel.yaml} calls on each tick: whether a pass is due, and the
 * pass. The runner is made on first use, after the context has started (metrics exist then).
 */
public final class SheetSyncTimer {
    private final Supplier<SyncRunner> factory;
    private volatile SyncRunner runner;

    SheetSyncTimer(Supplier<SyncRunner> factory) {
        this.factory = factory;
    }

    public boolean due() {
        return runner().due();
    }

    public void runPass() {
        runner().runPass();
    }

    private SyncRunner runner() {
        SyncRunner r = runner;
        if (r == null) {
            synchronized (this) {
                r = runner;
                if (r == null) {
                    r = factory.get();
                    runner = r;
                }
            }
        }
        return r;
    }
}

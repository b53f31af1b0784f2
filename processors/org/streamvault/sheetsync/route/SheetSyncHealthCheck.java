package org.streamvault.sheetsync.route;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.streamvault.sheetsync.SyncHistory;

/** Readiness: DOWN once the last {@code streamvault.sheetsync.health-failures} passes all failed. */
final class SheetSyncHealthCheck extends AbstractHealthCheck {
    private final SyncHistory history;

    SheetSyncHealthCheck(SyncHistory history) {
        super("streamvault", "sheetsync");
        this.history = history;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String problem = history.problem();
        builder.detail("passes", history.passes());
        if (problem == null) {
            builder.up();
        } else {
            builder.message(problem).down();
        }
    }
}

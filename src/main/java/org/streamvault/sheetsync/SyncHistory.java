package org.streamvault.sheetsync;

/**
 * How the recent passes went, for the health check: DOWN once the last {@code threshold} passes
 * all failed (one failure is usually a blip the next pass recovers from).
 */
public final class SyncHistory {
    private final int threshold;
    private int failuresInARow;
    private long passes;
    private String lastError;

    public SyncHistory(int threshold) {
        this.threshold = Math.max(1, threshold);
    }

    public synchronized void succeeded() {
        passes++;
        failuresInARow = 0;
        lastError = null;
    }

    public synchronized void failed(String reason) {
        passes++;
        failuresInARow++;
        lastError = reason;
    }

    /** Null while healthy, else why not, in one line. */
    public synchronized String problem() {
        if (failuresInARow < threshold) {
            return null;
        }
        return "the last " + failuresInARow + " sheet syncs failed: " + lastError;
    }

    public synchronized long passes() {
        return passes;
    }
}

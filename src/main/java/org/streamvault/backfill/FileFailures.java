package org.streamvault.backfill;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One peer's memory, across passes, of the files it failed to deliver. A file that fails in a
 * pass (every attempt of that pass) is simply tried again in the next one; after
 * {@code failingPasses} passes in a row it counts as <em>persistently failing</em>: it is reported
 * once by name, and from then on tried only after a delay that doubles with each further failed
 * pass (from {@code baseMillis} up to {@code capMillis}), so a file that can never be copied (a
 * bad copy on the peer) is not fetched at full speed forever. A success or the file leaving the
 * peer's listing forgets it.
 *
 * <p>Keys are {@code channel/quality/hour/name}. Thread-safe.
 */
public final class FileFailures {
    /** What a failure did to the file's record. */
    public record Failed(int passes, boolean nowPersistent, long retryInMillis) {
    }

    private record Entry(int passes, long nextDueMillis) {
    }

    private final int failingPasses;
    private final long baseMillis;
    private final long capMillis;
    private final Map<String, Entry> entries = new HashMap<>();

    public FileFailures(int failingPasses, long baseMillis, long capMillis) {
        if (failingPasses < 1 || baseMillis <= 0 || capMillis <= 0) {
            throw new IllegalArgumentException("file-failing-passes must be at least 1, delays positive");
        }
        this.failingPasses = failingPasses;
        this.baseMillis = baseMillis;
        this.capMillis = capMillis;
    }

    /** Whether this pass should try {@code key} (false while a persistently failing file waits). */
    public synchronized boolean due(String key, long nowMillis) {
        Entry e = entries.get(key);
        return e == null || nowMillis >= e.nextDueMillis;
    }

    /** Records that every attempt at {@code key} failed in this pass. */
    public synchronized Failed failedThisPass(String key, long nowMillis) {
        Entry old = entries.get(key);
        int passes = old == null ? 1 : old.passes + 1;
        long wait = 0;
        if (passes >= failingPasses) {
            // base << 30 stays far from overflow for any base below a year
            wait = Math.min(baseMillis << Math.min(passes - failingPasses, 30), capMillis);
        }
        entries.put(key, new Entry(passes, nowMillis + wait));
        return new Failed(passes, passes == failingPasses, wait);
    }

    /** The file was copied (or the peer no longer has it): forget its failures. */
    public synchronized void forget(String key) {
        entries.remove(key);
    }

    /**
     * After a pass that listed everything: forget files that were not missing any more (copied
     * by another peer or the downloader, or gone from the peer), so the memory stays bounded by
     * what the peer lists.
     */
    public synchronized void retainOnly(Set<String> stillMissing) {
        entries.keySet().retainAll(stillMissing);
    }

    /** Files that have failed in at least {@code failingPasses} passes in a row. */
    public synchronized int persistent() {
        return (int) entries.values().stream().filter(e -> e.passes >= failingPasses).count();
    }

    public int failingPasses() {
        return failingPasses;
    }
}

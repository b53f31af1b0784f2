package org.streamvault.sheetsync;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * Warns about the same sheet problem once, not on every pass while it stays in the sheet (a pass
 * runs every few seconds). Bounded: forgets everything past {@link #MAX} lines, then warns afresh.
 */
final class OnceLog {
    private static final int MAX = 10_000;
    private final Logger log;
    private final Set<String> said = ConcurrentHashMap.newKeySet();

    OnceLog(Logger log) {
        this.log = log;
    }

    void warn(String line) {
        if (said.size() > MAX) {
            said.clear();
        }
        if (said.add(line)) {
            log.warn(line);
        }
    }
}

package org.streamvault.segments;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * How a component logs what goes wrong. An <em>expected</em> condition (database down or not
 * initialised, peer down, stream offline, client gone) is one line, rate-limited. An
 * <em>unexpected</em> exception logs its stack trace the first time its class shows up here, then
 * one rate-limited line, so a bug is diagnosable without flooding the log.
 */
public final class FailureLog {
    private final Logger log;
    private final RateLimitedLog expected;
    private final RateLimitedLog unexpected;
    private final Set<Class<?>> traced = ConcurrentHashMap.newKeySet();

    public FailureLog(Logger log, long intervalMillis) {
        this.log = log;
        this.expected = new RateLimitedLog(intervalMillis);
        this.unexpected = new RateLimitedLog(intervalMillis);
    }

    /** One line, at most once per interval. */
    public void expected(String message) {
        expected.log(log::warn, message);
    }

    /** The stack trace the first time {@code e}'s class is seen, then one rate-limited line. */
    public void unexpected(String what, Throwable e) {
        if (traced.add(e.getClass())) {
            log.error("{}: {}", what, e.toString(), e);
        } else {
            unexpected.log(log::error, what + ": " + e);
        }
    }
}

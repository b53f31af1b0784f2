package org.streamvault.testing;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polls a condition until it holds, failing with what was awaited after a deadline. */
public final class Await {
    private Await() {
    }

    public static void until(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    /** {@link #until(String, Duration, Callable)} with a minute, generous for a loaded CI machine. */
    public static void until(String what, Callable<Boolean> condition) throws Exception {
        until(what, Duration.ofSeconds(60), condition);
    }
}

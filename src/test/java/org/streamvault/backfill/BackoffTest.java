package org.streamvault.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void intervalIsJitteredByTenPercent() {
        Backoff b = new Backoff(120_000, 300_000, new SplittableRandom(3));
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 2000; i++) {
            long d = b.afterSuccess();
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        assertThat(min).isBetween(108_000L, 110_000L);
        assertThat(max).isBetween(130_000L, 132_000L);
    }

    @Test
    void failuresDoubleTheDelayUpToTheCap() {
        Backoff b = new Backoff(120_000, 60_000, new SplittableRandom(3));
        for (int i = 0; i < 200; i++) {
            assertThat(b.afterFailure(1)).isBetween(500L, 1_000L);
            assertThat(b.afterFailure(4)).isBetween(4_000L, 8_000L);
            assertThat(b.afterFailure(10)).isBetween(30_000L, 60_000L);
            assertThat(b.afterFailure(1000)).isBetween(30_000L, 60_000L);
        }
    }
}

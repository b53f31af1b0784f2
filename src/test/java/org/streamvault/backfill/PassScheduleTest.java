package org.streamvault.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Which passes back a peer off, and which only bring the next pass forward. */
class PassScheduleTest {
    private static final long INTERVAL = 120_000;

    private static PassResult unreachable() {
        return new PassResult(false, false, 0, 0, 0, 0, Map.of(FailureReason.UNREACHABLE, 1), "Connection refused");
    }

    private static PassResult lostAfterCopying(int copied) {
        return new PassResult(true, false, copied, 10, 0, 0, Map.of(FailureReason.UNREACHABLE, 1), "Connection refused");
    }

    private static PassResult leftFailedFiles() {
        return new PassResult(true, true, 50, 2, 2, 0, Map.of(FailureReason.BROKEN, 12), null);
    }

    private static PassResult clean() {
        return new PassResult(true, true, 50, 0, 0, 0, Map.of(FailureReason.BROKEN, 3), null);
    }

    private final PassSchedule schedule = new PassSchedule(new Backoff(INTERVAL, 300_000, new SplittableRandom(7)));

    @Test
    void onlyPassesThatCannotReachThePeerBackItOff() {
        PassSchedule.Next first = schedule.after(unreachable());
        assertThat(first.peerFailed()).isTrue();
        assertThat(first.delayMillis()).isBetween(500L, 1_000L);
        schedule.after(unreachable());
        PassSchedule.Next third = schedule.after(unreachable());
        assertThat(third.failuresInARow()).isEqualTo(3);
        assertThat(third.delayMillis()).isBetween(2_000L, 4_000L);

        // copying anything resets the count: the peer is back, if flaky
        PassSchedule.Next lost = schedule.after(lostAfterCopying(5));
        assertThat(lost.failuresInARow()).isZero();
        assertThat(lost.delayMillis()).isBetween(500L, 1_000L);
        assertThat(schedule.after(unreachable()).failuresInARow()).isEqualTo(1);
    }

    @Test
    void failedFilesBringTheNextPassForwardWithoutCountingAgainstThePeer() {
        for (int pass = 1; pass <= 3; pass++) {
            PassSchedule.Next next = schedule.after(leftFailedFiles());
            assertThat(next.peerFailed()).isFalse();
            assertThat(next.delayMillis()).isBetween(500L << (pass - 1), 1_000L << (pass - 1));
        }
        for (int pass = 4; pass <= 30; pass++) {
            assertThat(schedule.after(leftFailedFiles()).delayMillis()).isLessThanOrEqualTo((long) (INTERVAL * 1.1));
        }
        // a pass that had failed requests but copied everything in the end waits the interval
        PassSchedule.Next done = schedule.after(clean());
        assertThat(done.peerFailed()).isFalse();
        assertThat(done.delayMillis()).isBetween(108_000L, 132_000L);
        assertThat(schedule.after(leftFailedFiles()).delayMillis()).as("the steps start over").isBetween(500L, 1_000L);
    }
}

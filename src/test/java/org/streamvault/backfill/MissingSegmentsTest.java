package org.streamvault.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.streamvault.segments.SegmentHash;
import org.streamvault.segments.Timestamps;

class MissingSegmentsTest {
    static final String HOUR = "2026-11-20T14";
    static final long NOW = Timestamps.parseUtc("2026-11-20T14:30:00Z");
    static final String H = SegmentHash.encode(SegmentHash.newDigest().digest(new byte[] {1}));

    static String seg(String time, String type) {
        return time + "-2.0-" + type + "-" + (type.equals("temp") ? "0d4c7ae0-3c1c-4c1f-9d0c-1b2a3c4d5e6f" : H) + ".ts";
    }

    @Test
    void fetchesWhatIsAbsentLocallyAndNothingElse() {
        List<String> remote = new ArrayList<>(List.of(
                seg("00:00.000000", "full"),
                seg("00:02.000000", "full"),          // present locally
                seg("00:04.000000", "temp"),          // being written on the peer
                seg("00:06.000000", "partial"),
                seg("29:00.000000", "full"),          // younger than the cutoff
                "junk.ts", "00:08.000000-2.0-weird-" + H + ".ts", ".hidden.ts",
                seg("00:10.000000", "full"),          // tombstoned locally
                seg("00:12.000000", "full") + ".tombstone",
                seg("00:02.000000", "full") + ".tombstone", // present locally
                "../escape.tombstone", "nul\0.tombstone", ""));
        List<String> local = List.of(seg("00:02.000000", "full"), seg("00:02.000000", "full") + ".tombstone",
                seg("00:10.000000", "full").replace(".ts", ".tombstone"));
        List<String> remoteCopy = List.copyOf(remote);

        List<String> missing = MissingSegments.compute(remote, local, HOUR, BackfillWindow.parse("", 120), NOW,
                new SplittableRandom(1));

        assertThat(missing).containsExactlyInAnyOrder(seg("00:00.000000", "full"), seg("00:06.000000", "partial"),
                seg("00:12.000000", "full") + ".tombstone");
        assertThat(remote).isEqualTo(remoteCopy);
    }

    @Test
    void orderIsShuffled() {
        List<String> remote = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            remote.add(seg(String.format("%02d:00.000000", i), "full"));
        }
        List<String> missing = MissingSegments.compute(remote, List.of(), HOUR, BackfillWindow.parse("", 0), NOW,
                new SplittableRandom(7));
        assertThat(missing).containsExactlyInAnyOrderElementsOf(remote).isNotEqualTo(remote);
    }
}

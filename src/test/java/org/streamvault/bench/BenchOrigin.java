package org.streamvault.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.streamvault.testing.FaultyHlsOrigin;

/**
 * The benchmark's origin, in its own JVM so its CPU is not counted against the downloader:
 * a live stream at {@code bitrate} bits/s in 2 s segments, a new segment every 2 s. Prints
 * {@code ORIGIN <master url> <epoch micros>} and runs until its stdin closes.
 */
public final class BenchOrigin {
    private BenchOrigin() {
    }

    public static void main(String[] args) throws Exception {
        long bitrate = args.length > 0 ? Long.parseLong(args[0]) : 6_000_000L;
        int segmentBytes = (int) (bitrate * 2 / 8);
        Random random = new Random(1);
        List<byte[]> media = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            byte[] b = new byte[segmentBytes];
            random.nextBytes(b);
            media.add(b);
        }
        long epoch = System.currentTimeMillis() / 1000 * 1_000_000L;
        try (FaultyHlsOrigin origin = FaultyHlsOrigin.start(media, epoch)) {
            origin.autoPublish(Duration.ofSeconds(2));
            System.out.println("ORIGIN " + origin.masterUrl() + " " + epoch);
            System.out.flush();
            while (System.in.read() >= 0) {
                // run until the parent goes away
            }
        }
    }
}

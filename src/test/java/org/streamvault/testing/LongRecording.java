package org.streamvault.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.streamvault.segments.SegmentName;
import org.streamvault.segments.SegmentType;
import org.streamvault.segments.Timestamps;

/**
 * Hours of recording for size and memory tests without hours of ffmpeg: the 60 real test
 * segments stored once, then hard-linked again and again under later start times (a segment's
 * name carries its hash, and the bytes are the same, so every name is valid). Playback would
 * jump back in time every two minutes; byte-level consumers (rough cuts) do not care.
 */
public final class LongRecording {
    private LongRecording() {
    }

    /** Stores {@code count} consecutive 2 s segments from {@code startMicros}; returns their paths in order. */
    public static List<Path> build(Path baseDir, String channel, String quality, long startMicros, int count)
            throws IOException, InterruptedException {
        StoreBuilder builder = new StoreBuilder(baseDir, channel, quality);
        List<Path> media = TestMedia.segments(Math.min(60, count));
        List<Path> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long start = startMicros + i * (long) TestMedia.SEGMENT_SECONDS * Timestamps.MICROS_PER_SECOND;
            if (i < media.size()) {
                out.add(builder.addFile(start, "2.000", media.get(i)));
                continue;
            }
            Path original = out.get(i % media.size());
            String hash = SegmentName.parse(original.getFileName().toString()).hash();
            Path dir = builder.hourDir(start);
            Files.createDirectories(dir);
            String name = SegmentName.format(Math.floorMod(start, Timestamps.MICROS_PER_HOUR), "2.000", SegmentType.FULL, hash);
            out.add(Files.createLink(dir.resolve(name), original));
        }
        return out;
    }

    /** Total bytes of {@code files}. */
    public static long size(List<Path> files) throws IOException {
        long total = 0;
        for (Path p : files) {
            total += Files.size(p);
        }
        return total;
    }

    /** The bytes of {@code files} one after the other: what a rough cut of them must be. */
    public static byte[] concatenated(List<Path> files) throws IOException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (Path p : files) {
            all.write(Files.readAllBytes(p));
        }
        return all.toByteArray();
    }
}

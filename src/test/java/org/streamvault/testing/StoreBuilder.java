package org.streamvault.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.streamvault.segments.SegmentHash;
import org.streamvault.segments.SegmentName;
import org.streamvault.segments.SegmentType;
import org.streamvault.segments.Timestamps;

/**
 * Writes segment files into a store layout for tests: correct names, real SHA-256 hashes of
 * the bytes written. Times are given as ISO strings or microseconds.
 */
public final class StoreBuilder {
    private final Path baseDir;
    private final String channel;
    private final String quality;

    public StoreBuilder(Path baseDir, String channel, String quality) {
        this.baseDir = baseDir;
        this.channel = channel;
        this.quality = quality;
    }

    public Path baseDir() {
        return baseDir;
    }

    /** A segment of {@code size} filler bytes (distinct per start/type) at an ISO start time. */
    public Path add(String startIso, String duration, SegmentType type, int size) {
        return add(Timestamps.parseUtc(startIso), duration, type, size);
    }

    public Path add(long startMicros, String duration, SegmentType type, int size) {
        byte[] bytes = new byte[size];
        byte[] seed = (startMicros + duration + type + size).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < size; i++) {
            bytes[i] = seed[i % seed.length];
        }
        return addBytes(startMicros, duration, type, bytes);
    }

    /** A segment holding exactly {@code bytes}. */
    public Path addBytes(long startMicros, String duration, SegmentType type, byte[] bytes) {
        String hash = type == SegmentType.TEMP ? java.util.UUID.randomUUID().toString()
                : SegmentHash.encode(SegmentHash.newDigest().digest(bytes));
        return write(startMicros, SegmentName.format(Math.floorMod(startMicros, Timestamps.MICROS_PER_HOUR),
                duration, type, hash), bytes);
    }

    /** Copies an existing file in under a correct name for its bytes. */
    public Path addFile(long startMicros, String duration, Path source) {
        try {
            return addBytes(startMicros, duration, SegmentType.FULL, Files.readAllBytes(source));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code count} real, consecutive 2-second segments from {@link TestMedia}, the first at
     * {@code startMicros}, named with {@code duration} as their duration text.
     */
    public java.util.List<Path> addMedia(long startMicros, int count, String duration) throws IOException, InterruptedException {
        java.util.List<Path> media = TestMedia.segments(count);
        java.util.List<Path> out = new java.util.ArrayList<>();
        for (int i = 0; i < media.size(); i++) {
            out.add(addFile(startMicros + i * (long) TestMedia.SEGMENT_SECONDS * Timestamps.MICROS_PER_SECOND, duration,
                    media.get(i)));
        }
        return out;
    }

    /**
     * The segments of a {@link TestMedia.Kind} from {@code startMicros} on, each starting where
     * the previous one's duration ends, except those whose index is in {@code missing} (holes).
     *
     * @return the stored files, in order
     */
    public java.util.List<Path> addKind(TestMedia.Kind kind, long startMicros, int... missing)
            throws IOException, InterruptedException {
        java.util.List<Path> out = new java.util.ArrayList<>();
        long at = startMicros;
        int i = 0;
        for (TestMedia.Segment s : TestMedia.segments(kind)) {
            final int index = i++;
            if (java.util.Arrays.stream(missing).noneMatch(m -> m == index)) {
                out.add(addFile(at, s.duration(), s.file()));
            }
            at += s.durationMicros();
        }
        return out;
    }

    /** A file with an arbitrary name in the hour of {@code startIso} (junk, hidden, tombstones). */
    public Path addRaw(String startIso, String fileName, byte[] bytes) {
        return write(Timestamps.parseUtc(startIso), fileName, bytes);
    }

    public Path hourDir(long micros) {
        return baseDir.resolve(channel).resolve(quality).resolve(Timestamps.formatHour(micros));
    }

    private Path write(long startMicros, String fileName, byte[] bytes) {
        try {
            Path dir = hourDir(startMicros);
            Files.createDirectories(dir);
            return Files.write(dir.resolve(fileName), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

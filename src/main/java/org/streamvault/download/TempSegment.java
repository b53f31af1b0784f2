package org.streamvault.download;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.streamvault.segments.HashingFileWriter;
import org.streamvault.segments.SegmentHash;
import org.streamvault.segments.SegmentName;
import org.streamvault.segments.SegmentType;
import org.streamvault.segments.Timestamps;

/**
 * A segment being written: bytes go to {@code MM:SS.ffffff-DURATION-temp-<uuid>.ts} in the hour
 * directory and into a SHA-256 digest as they arrive; {@link #finish} then renames the file
 * atomically to its final name, so a reader never sees a half-written {@code full} file. If
 * the final name already exists, the same bytes are already there and the temp file is deleted.
 * The bytes go through {@link HashingFileWriter}, as the backfiller's do. Not thread-safe: one
 * attempt owns one temp segment.
 */
public final class TempSegment implements AutoCloseable {
    private final Path hourDir;
    private final long offsetMicros;
    private final String durationText;
    private final Path tempPath;
    private final HashingFileWriter out;
    private boolean created;

    private TempSegment(Path hourDir, long offsetMicros, String durationText) throws IOException {
        this.hourDir = hourDir;
        this.offsetMicros = offsetMicros;
        this.durationText = durationText;
        if (!Files.isDirectory(hourDir)) {
            // createDirectories alone throws (and fills in a stack trace) inside for every segment
            Files.createDirectories(hourDir);
        }
        this.tempPath = hourDir.resolve(SegmentName.format(offsetMicros, durationText, SegmentType.TEMP,
                UUID.randomUUID().toString()));
        this.out = HashingFileWriter.createNew(tempPath);
    }

    /** Starts a temp file for a segment starting at {@code startMicros} (UTC) under {@code qualityDir}. */
    public static TempSegment create(Path qualityDir, long startMicros, String durationText) throws IOException {
        return new TempSegment(qualityDir.resolve(Timestamps.formatHour(startMicros)),
                Math.floorMod(startMicros, Timestamps.MICROS_PER_HOUR), durationText);
    }

    public void write(byte[] buf, int off, int len) throws IOException {
        out.write(buf, off, len);
    }

    /**
     * Reads {@code in} to its end into the file. A failed read is rethrown after what came
     * before it was written, so {@link #bytes} and a partial file hold everything received.
     */
    public void transferFrom(InputStream in) throws IOException {
        out.transferFrom(in);
    }

    /** Bytes received so far. */
    public long bytes() {
        return out.bytes();
    }

    public Path tempPath() {
        return tempPath;
    }

    /**
     * Closes and renames to the final name for {@code type}; returns the final path. The
     * caller decides the type: only a transfer that ended cleanly and in time may be FULL.
     */
    public Path finish(SegmentType type) throws IOException {
        if (type == SegmentType.TEMP) {
            throw new IllegalArgumentException("a finished segment cannot be temp");
        }
        byte[] hash;
        try {
            hash = out.digest();
        } catch (IOException e) {
            // a write failed: the file is not what was received, so nothing is kept
            discard();
            throw e;
        }
        Path target = hourDir.resolve(SegmentName.format(offsetMicros, durationText, type, SegmentHash.encode(hash)));
        if (Files.exists(target)) {
            Files.deleteIfExists(tempPath);
            return target;
        }
        try {
            Files.move(tempPath, target, StandardCopyOption.ATOMIC_MOVE);
            created = true;
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(tempPath);
        }
        return target;
    }

    /** True when {@link #finish} put a new file in place (false: the same bytes were already there). */
    public boolean created() {
        return created;
    }

    /** Deletes the temp file: nothing worth keeping arrived. */
    public void discard() {
        try {
            out.close();
        } catch (IOException e) {
            // deleting anyway
        }
        try {
            Files.deleteIfExists(tempPath);
        } catch (IOException e) {
            // a leftover temp file is never selected; nothing else to do
        }
    }

    /** Leaves the temp file in place if neither {@link #finish} nor {@link #discard} ran. */
    @Override
    public void close() throws IOException {
        out.close();
    }
}

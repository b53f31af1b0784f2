package org.streamvault.backfill;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.streamvault.segments.HashingFileWriter;
import org.streamvault.segments.SegmentHash;
import org.streamvault.segments.SegmentName;
import org.streamvault.segments.SegmentType;

/**
 * Saves one fetched file into an hour directory the way SPEC §1 requires: the bytes stream into
 * a {@code temp} file in the same directory while being hashed (never held whole in memory),
 * the SHA-256 is checked against the name, and only then is the file atomically renamed to its
 * final name. A mismatch deletes the temp file; a final name that appeared meanwhile (another
 * writer got it) wins and the temp file is deleted, as same name means same bytes.
 * Tombstones carry no bytes: they are created empty. The bytes go through {@link HashingFileWriter},
 * as the downloader's do.
 */
public final class SegmentWriter {
    private SegmentWriter() {
    }

    /**
     * Streams {@code body} into {@code hourDir/name}. The directory is created if needed.
     * An I/O error (peer connection broken) deletes the temp file and is thrown.
     */
    public static FetchOutcome save(InputStream body, Path hourDir, String name) throws IOException {
        Path target = hourDir.resolve(name);
        if (Files.exists(target)) {
            return FetchOutcome.ALREADY_PRESENT;
        }
        if (!Files.isDirectory(hourDir)) {
            // createDirectories alone throws (and fills in a stack trace) inside for every file of an existing hour
            Files.createDirectories(hourDir);
        }
        if (name.endsWith(MissingSegments.TOMBSTONE_SUFFIX)) {
            try {
                Files.createFile(target);
                return FetchOutcome.SAVED;
            } catch (FileAlreadyExistsException e) {
                return FetchOutcome.ALREADY_PRESENT;
            }
        }
        SegmentName parsed = SegmentName.parse(name);
        Path temp = hourDir.resolve(tempName(parsed));
        boolean keep = false;
        try {
            byte[] hash;
            try (HashingFileWriter out = HashingFileWriter.createNew(temp)) {
                out.transferFrom(body);
                hash = out.digest();
            }
            if (!SegmentHash.encode(hash).equals(parsed.hash())) {
                return FetchOutcome.HASH_MISMATCH;
            }
            if (Files.exists(target)) {
                return FetchOutcome.ALREADY_PRESENT;
            }
            moveIntoPlace(temp, target);
            keep = true;
            return FetchOutcome.SAVED;
        } finally {
            if (!keep) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** {@code MM:SS.ffffff-DURATION-temp-<uuid>.ts}: sorts beside the segment and is never served as one. */
    static String tempName(SegmentName name) {
        return SegmentName.format(name.offsetMicros(), name.durationText(), SegmentType.TEMP,
                UUID.randomUUID().toString());
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // Same directory, so this only happens on odd filesystems; a plain rename is the best left.
            Files.move(temp, target);
        }
    }
}

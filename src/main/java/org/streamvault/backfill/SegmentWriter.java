package org.streamvault.backfill;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.UUID;
import org.streamvault.segments.SegmentHash;
import org.streamvault.segments.SegmentName;
import org.streamvault.segments.SegmentType;

/**
 * Saves one fetched file into an hour directory the way SPEC §1 requires: the bytes stream into
 * a {@code temp} file in the same directory while being hashed (never held whole in memory),
 * the SHA-256 is checked against the name, and only then is the file atomically renamed to its
 * final name. A mismatch deletes the temp file; a final name that appeared meanwhile (another
 * writer got it) wins and the temp file is deleted, as same name means same bytes.
 * Tombstones carry no bytes: they are created empty.
 */
public final class SegmentWriter {
    private static final int BUFFER = 64 * 1024;

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
        Files.createDirectories(hourDir);
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
            MessageDigest digest = SegmentHash.newDigest();
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[BUFFER];
                int n;
                while ((n = body.read(buffer)) >= 0) {
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            if (!SegmentHash.encode(digest.digest()).equals(parsed.hash())) {
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

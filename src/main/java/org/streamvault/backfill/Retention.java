package org.streamvault.backfill;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.streamvault.segments.InvalidSegmentNameException;
import org.streamvault.segments.Timestamps;

/**
 * Optional retention ({@code streamvault.backfiller.delete-old}): deletes local hour directories
 * that end before the backfill window, files first and then the directory. Other processes may
 * be deleting the same files (another retention pass, an operator), so a file or directory that
 * is already gone is not an error. Directories whose names are not hours are never touched.
 */
public final class Retention {
    private Retention() {
    }

    /**
     * Deletes hours of {@code qualityDir} that start before {@code earliestHourMicros}.
     *
     * @return the number of files deleted
     */
    public static int deleteHoursBefore(Path qualityDir, long earliestHourMicros) throws IOException {
        int deleted = 0;
        try (DirectoryStream<Path> hours = Files.newDirectoryStream(qualityDir)) {
            for (Path hourDir : hours) {
                if (isHourBefore(hourDir.getFileName().toString(), earliestHourMicros)) {
                    deleted += deleteHour(hourDir);
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return 0;
        }
        return deleted;
    }

    private static boolean isHourBefore(String name, long earliestHourMicros) {
        try {
            return Timestamps.parseHour(name) < earliestHourMicros;
        } catch (InvalidSegmentNameException e) {
            return false;
        }
    }

    private static int deleteHour(Path hourDir) throws IOException {
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(hourDir)) {
            for (Path file : files) {
                if (Files.deleteIfExists(file)) {
                    deleted++;
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return deleted;
        }
        try {
            Files.deleteIfExists(hourDir);
        } catch (DirectoryNotEmptyException e) {
            // a writer added a file meanwhile; the next pass deletes it
        }
        return deleted;
    }
}

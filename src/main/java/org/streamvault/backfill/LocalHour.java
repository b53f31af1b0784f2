package org.streamvault.backfill;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw names in a local hour directory, temp files and tombstones included: unlike the
 * store's cached listing (which hides tombstoned segments), the diff must see what is on disk.
 */
final class LocalHour {
    private LocalHour() {
    }

    static List<String> names(Path hourDir) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(hourDir)) {
            for (Path p : stream) {
                names.add(p.getFileName().toString());
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return List.of();
        }
        return names;
    }
}

package org.streamvault.segments;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one hour directory into an {@link HourListing}: skips hidden files, junk names and
 * tombstoned segments (junk with a rate-limited warning), and picks the best segment per start.
 */
final class HourReader {
    static final String TOMBSTONE_SUFFIX = ".tombstone";

    private static final Logger LOG = LoggerFactory.getLogger(HourReader.class);
    private static final RateLimitedLog JUNK_LOG = new RateLimitedLog(60_000);

    private HourReader() {
    }

    static HourListing read(Path hourDir, String hour, long hourStartMicros) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(hourDir)) {
            for (Path p : stream) {
                String name = p.getFileName().toString();
                if (!name.startsWith(".")) {
                    names.add(name);
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return HourListing.EMPTY;
        }
        Collections.sort(names);
        Set<String> tombstoned = tombstonedNames(names);
        List<String> visible = new ArrayList<>(names.size());
        List<Segment> candidates = new ArrayList<>(names.size());
        for (String name : names) {
            if (tombstoned.contains(name)) {
                continue;
            }
            visible.add(name);
            if (name.endsWith(TOMBSTONE_SUFFIX)) {
                continue;
            }
            try {
                candidates.add(new Segment(hourDir, hour, hourStartMicros, SegmentName.parse(name)));
            } catch (InvalidSegmentNameException e) {
                JUNK_LOG.log(LOG::warn, "skipping " + hourDir + "/" + name + ": " + e.getMessage());
            }
        }
        return new HourListing(List.copyOf(visible), List.copyOf(BestSegments.bestPerStart(candidates)));
    }

    /** {@code X.ts.tombstone} and {@code X.tombstone} both hide {@code X.ts}. */
    private static Set<String> tombstonedNames(List<String> names) {
        Set<String> hidden = new HashSet<>();
        for (String name : names) {
            if (name.endsWith(TOMBSTONE_SUFFIX)) {
                String target = name.substring(0, name.length() - TOMBSTONE_SUFFIX.length());
                hidden.add(target.endsWith(SegmentName.EXTENSION) ? target : target + SegmentName.EXTENSION);
            }
        }
        return hidden;
    }
}

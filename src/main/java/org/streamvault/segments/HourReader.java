package org.streamvault.segments;

import java.io.IOException;
import java.nio.file.Files;
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
        List<Segment> candidates = new ArrayList<>();
        boolean anyTombstone = false;
        // Each name is parsed as soon as it is read, while it is still in the CPU cache: on a
        // cold 24-hour selection this loop is most of the cost beyond the listing itself.
        // File.list gives bare names, without building a Path per entry as DirectoryStream does.
        String[] listed = hourDir.toFile().list();
        if (listed == null) {
            if (Files.isDirectory(hourDir)) {
                throw new IOException("cannot list " + hourDir);
            }
            return HourListing.EMPTY;
        }
        for (String name : listed) {
            if (name.startsWith(".")) {
                continue;
            }
            names.add(name);
            if (name.endsWith(TOMBSTONE_SUFFIX)) {
                anyTombstone = true;
                continue;
            }
            try {
                candidates.add(new Segment(hourDir, hour, hourStartMicros, SegmentName.parse(name)));
            } catch (InvalidSegmentNameException e) {
                JUNK_LOG.log(LOG::warn, "skipping " + hourDir + "/" + name + ": " + e.getMessage());
            }
        }
        if (anyTombstone) {
            Set<String> tombstoned = tombstonedNames(names);
            names.removeIf(tombstoned::contains);
            candidates.removeIf(seg -> tombstoned.contains(seg.name().fileName()));
        }
        return new HourListing(Collections.unmodifiableList(names),
                Collections.unmodifiableList(BestSegments.bestPerStart(candidates)));
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

package org.streamvault.download;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.streamvault.segments.SegmentName;
import org.streamvault.segments.SegmentType;
import org.streamvault.segments.Timestamps;

/**
 * Which segments (start and duration) of a stream's recent hours have a {@code full} copy in the
 * store, so that a segment URI seen for the first time (after a restart, or under a replacement
 * playlist URL) is not fetched again when the store already holds it.
 *
 * <p>Each hour directory is listed once, the first time one of its segments is asked about;
 * from then on the stream's own full saves are added as they happen, so a new segment costs a
 * set lookup instead of a listing of its hour (up to ~1,800 names late in an hour, on every new
 * segment). A full file that another writer (the backfiller) adds to an hour after its listing
 * is not seen: that segment is fetched again, and TempSegment keeps the existing file (same
 * name, same bytes). Thread-safe: the poll asks, the fetchers add.
 */
final class FullCopies {
    /** Hours remembered: the live one and its neighbours; an older one asked about is listed again. */
    private static final int HOURS = 3;
    private static final String FULL_MARK = "-" + SegmentType.FULL.text() + "-";

    private final Path qualityDir;
    private final Map<String, Set<String>> byHour = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
            return size() > HOURS;
        }
    };

    FullCopies(Path qualityDir) {
        this.qualityDir = qualityDir;
    }

    /** True when the store has a full segment starting at {@code startMicros} with this duration. */
    synchronized boolean has(long startMicros, String durationText) {
        String hour = Timestamps.formatHour(startMicros);
        Set<String> keys = byHour.get(hour);
        if (keys == null) {
            keys = list(qualityDir.resolve(hour));
            byHour.put(hour, keys);
        }
        return keys.contains(key(startMicros, durationText));
    }

    /** A full copy of this segment is now in the store. */
    synchronized void saved(long startMicros, String durationText) {
        Set<String> keys = byHour.get(Timestamps.formatHour(startMicros));
        if (keys != null) {
            keys.add(key(startMicros, durationText)); // an hour not listed yet will list it
        }
    }

    /** The part of a full segment's name before its hash: {@code MM:SS.ffffff-DURATION-full-}. */
    private static String key(long startMicros, String durationText) {
        String name = SegmentName.format(Math.floorMod(startMicros, Timestamps.MICROS_PER_HOUR), durationText,
                SegmentType.FULL, "");
        return name.substring(0, name.length() - SegmentName.EXTENSION.length());
    }

    private static Set<String> list(Path hourDir) {
        Set<String> keys = new HashSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(hourDir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                int mark = name.indexOf(FULL_MARK);
                if (mark > 0) {
                    keys.add(name.substring(0, mark + FULL_MARK.length()));
                }
            }
        } catch (NoSuchFileException e) {
            // a new hour: nothing in it yet
        } catch (IOException e) {
            // unreadable: as before, assume nothing is there (a fetch too many, never one too few)
        }
        return keys;
    }
}

package org.streamvault.segments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A segment file in the store: its parsed {@link SegmentName} plus the hour it lives in,
 * so its absolute start and end are known.
 *
 * <p>The file size is read lazily, on first use, because selection only needs it to break
 * ties; statting every file would cost as much as listing the directories again.
 */
public final class Segment implements SelectionEntry {
    private final Path hourDir;
    private final String hour;
    private final SegmentName name;
    private final long startMicros;
    private volatile long size = -1;

    public Segment(Path hourDir, String hour, long hourStartMicros, SegmentName name) {
        this.hourDir = hourDir;
        this.hour = hour;
        this.name = name;
        this.startMicros = hourStartMicros + name.offsetMicros();
    }

    /** Like the main constructor but with a size already known (tests, writers). */
    public Segment(Path hourDir, String hour, long hourStartMicros, SegmentName name, long size) {
        this(hourDir, hour, hourStartMicros, name);
        this.size = size;
    }

    public Path path() {
        return hourDir.resolve(name.fileName());
    }

    public Path hourDir() {
        return hourDir;
    }

    /** The hour directory's name, {@code YYYY-MM-DDTHH}. */
    public String hour() {
        return hour;
    }

    public SegmentName name() {
        return name;
    }

    public SegmentType type() {
        return name.type();
    }

    public long startMicros() {
        return startMicros;
    }

    public long endMicros() {
        return startMicros + name.durationMicros();
    }

    public long durationMicros() {
        return name.durationMicros();
    }

    /** Size in bytes; 0 if the file has vanished since it was listed. */
    public long size() {
        long known = size;
        if (known < 0) {
            try {
                known = Files.size(path());
            } catch (NoSuchFileException e) {
                known = 0;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            size = known;
        }
        return known;
    }

    @Override
    public String toString() {
        return hour + "/" + name.fileName();
    }
}

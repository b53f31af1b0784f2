package org.streamvault.coverage;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import javax.imageio.ImageIO;
import org.streamvault.segments.Segment;
import org.streamvault.segments.SegmentType;
import org.streamvault.segments.Timestamps;

/**
 * A coverage map of one channel/quality as a PNG: one pixel per {@value #PIXEL_SECONDS} s, one
 * column per {@value #COLUMN_MINUTES} minutes (top to bottom), six columns per hour, hours left
 * to right. A pixel is {@link #FULL} when full segments cover all of its 2 s, {@link #PARTIAL}
 * when only suspect/partial segments (or full ones with a gap) touch it, {@link #MISSING} when
 * nothing does, and {@link #FUTURE} for time that has not happened yet.
 *
 * <pre>
 *   x = hourIndex * 6 + minuteInHour / 10
 *   y = (secondInHour % 600) / 2
 * </pre>
 */
public final class CoverageMap {
    public static final int PIXEL_SECONDS = 2;
    public static final int COLUMN_MINUTES = 10;
    public static final int COLUMNS_PER_HOUR = 60 / COLUMN_MINUTES;
    public static final int HEIGHT = COLUMN_MINUTES * 60 / PIXEL_SECONDS;

    public static final int FULL = 0x2ca02c;
    public static final int PARTIAL = 0xffa500;
    public static final int MISSING = 0xd62728;
    public static final int FUTURE = 0xdddddd;

    private static final long PIXEL_MICROS = PIXEL_SECONDS * Timestamps.MICROS_PER_SECOND;

    private CoverageMap() {
    }

    /**
     * Draws {@code hours} hours starting at {@code firstHourMicros} from {@code segments} (any
     * order; temp ones are ignored).
     */
    public static BufferedImage render(List<Segment> segments, long firstHourMicros, int hours, long nowMicros) {
        List<Long> starts = new java.util.ArrayList<>(hours);
        for (int h = 0; h < hours; h++) {
            starts.add(firstHourMicros + h * Timestamps.MICROS_PER_HOUR);
        }
        return render(segments, starts, nowMicros);
    }

    /**
     * Draws the hours starting at {@code hourStarts} (ascending, not necessarily adjacent), one
     * block of {@value #COLUMNS_PER_HOUR} columns each, from {@code segments}.
     */
    public static BufferedImage render(List<Segment> segments, List<Long> hourStarts, long nowMicros) {
        int hours = hourStarts.size();
        Intervals full = Intervals.of(segments.stream().filter(s -> s.type() == SegmentType.FULL).toList());
        Intervals any = Intervals.of(segments.stream().filter(s -> s.type() != SegmentType.TEMP).toList());
        BufferedImage image = new BufferedImage(Math.max(1, hours * COLUMNS_PER_HOUR), HEIGHT,
                BufferedImage.TYPE_INT_RGB);
        long pixelsPerHour = Timestamps.MICROS_PER_HOUR / PIXEL_MICROS;
        for (int h = 0; h < hours; h++) {
            long hourStart = hourStarts.get(h);
            for (int p = 0; p < pixelsPerHour; p++) {
                long from = hourStart + p * PIXEL_MICROS;
                long to = from + PIXEL_MICROS;
                int colour;
                if (from >= nowMicros) {
                    colour = FUTURE;
                } else if (full.coversFully(from, to)) {
                    colour = FULL;
                } else if (any.intersects(from, to)) {
                    colour = PARTIAL;
                } else {
                    colour = MISSING;
                }
                image.setRGB(h * COLUMNS_PER_HOUR + p / HEIGHT, p % HEIGHT, colour);
            }
        }
        return image;
    }

    /** Writes the PNG next to {@code target} and renames it into place, so readers never see half a file. */
    public static void write(BufferedImage image, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            if (!ImageIO.write(image, "png", temp.toFile())) {
                throw new IOException("no PNG writer in this JVM");
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}

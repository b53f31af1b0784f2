package org.streamvault.cut;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestMedia;

/**
 * An hour or more of recording as a live stream leaves it, without an hour of ffmpeg: the 60 real
 * test segments (120 s, continuous timestamps) written again and again with their PTS, DTS and PCR
 * moved on by 120 s each time ({@link MpegTs.Retimer}, one for the whole recording so continuity
 * counters run on too). Unlike {@code LongRecording}'s hard links, whose timestamps jump back every
 * two minutes (a stream restart every 120 s), this is one run from the first segment to the last.
 */
public final class ContinuousRecording {
    private static final int ORIGINALS = 60;

    private ContinuousRecording() {
    }

    /** Stores {@code count} consecutive 2 s segments from {@code startMicros}; returns their paths in order. */
    public static List<Path> build(Path baseDir, String channel, String quality, long startMicros, int count)
            throws IOException, InterruptedException {
        StoreBuilder builder = new StoreBuilder(baseDir, channel, quality);
        List<Path> media = TestMedia.segments(ORIGINALS);
        long loopTicks = MpegTs.ticks(ORIGINALS * (long) TestMedia.SEGMENT_SECONDS * Timestamps.MICROS_PER_SECOND);
        MpegTs.Retimer retimer = new MpegTs.Retimer();
        List<Path> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long start = startMicros + i * (long) TestMedia.SEGMENT_SECONDS * Timestamps.MICROS_PER_SECOND;
            byte[] bytes = Files.readAllBytes(media.get(i % ORIGINALS));
            retimer.rewrite(bytes, 0, bytes.length - bytes.length % MpegTs.PACKET, (i / ORIGINALS) * loopTicks);
            out.add(builder.addBytes(start, "2.000", org.streamvault.segments.SegmentType.FULL, bytes));
        }
        return out;
    }
}

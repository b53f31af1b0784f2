package org.streamvault.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.streamvault.segments.Segment;

/**
 * The audio waveform of a range. Each contiguous run of segments is fed to one ffmpeg through its
 * stdin (as the segments' bytes, so the stream's own timestamps carry it), which decodes the first
 * audio stream to mono 8 kHz signed 16-bit PCM on stdout; the samples are folded into
 * {@link WaveformPeaks} as they arrive, so memory is one column array whatever the length.
 * A sample's time is its run's start plus its index / 8000 (125 µs each, exact in microseconds).
 * Decoding stops (ffmpeg is stopped) at the end of the range.
 */
public final class WaveformRenderer {
    static final int SAMPLE_RATE = 8000;
    private static final long MICROS_PER_SAMPLE = 1_000_000L / SAMPLE_RATE;
    /** Runs of segments further apart than this are separate runs (SPEC §2's 10 ms). */
    private static final long JOIN_TOLERANCE_MICROS = 10_000;

    private final String ffmpeg;

    public WaveformRenderer(String ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    /**
     * @param segments the range's selected segments, in order (holes left out)
     * @throws NoMediaException if no audio sample falls in the range
     */
    public WaveformPeaks peaks(ProcessGroup group, List<Segment> segments, long startMicros, long endMicros, int width)
            throws IOException {
        WaveformPeaks peaks = new WaveformPeaks(startMicros, endMicros, width);
        for (List<Segment> run : runs(segments)) {
            if (!decodeRun(group, run, peaks)) {
                break;
            }
        }
        if (peaks.samples() == 0) {
            throw new NoMediaException("no audio in the requested range");
        }
        return peaks;
    }

    static List<List<Segment>> runs(List<Segment> segments) {
        List<List<Segment>> runs = new ArrayList<>();
        List<Segment> current = new ArrayList<>();
        for (Segment s : segments) {
            if (!current.isEmpty()
                    && Math.abs(s.startMicros() - current.get(current.size() - 1).endMicros()) > JOIN_TOLERANCE_MICROS) {
                runs.add(current);
                current = new ArrayList<>();
            }
            current.add(s);
        }
        if (!current.isEmpty()) {
            runs.add(current);
        }
        return runs;
    }

    /** @return false if the range's end was reached (no later run is needed) */
    private boolean decodeRun(ProcessGroup group, List<Segment> run, WaveformPeaks peaks) throws IOException {
        MediaProcess p = group.start(List.of(ffmpeg, "-hide_banner", "-loglevel", "error", "-f", "mpegts", "-i", "pipe:0",
                "-map", "0:a:0", "-vn", "-ac", "1", "-ar", String.valueOf(SAMPLE_RATE), "-f", "s16le", "pipe:1"), true);
        Thread feeder = Thread.ofVirtual().name("waveform-feed").start(() -> feed(p, run));
        long runStart = run.get(0).startMicros();
        long index = 0;
        boolean more = true;
        try (InputStream pcm = p.stdout()) {
            byte[] buf = new byte[16 * 1024];
            int filled = 0;
            int n;
            while (more && (n = pcm.read(buf, filled, buf.length - filled)) >= 0) {
                filled += n;
                int even = filled & ~1;
                for (int i = 0; more && i < even; i += 2) {
                    more = peaks.add(runStart + index++ * MICROS_PER_SAMPLE, (short) ((buf[i + 1] << 8) | (buf[i] & 0xff)));
                }
                if (filled != even) {
                    buf[0] = buf[even];
                }
                filled -= even;
            }
        } finally {
            if (!more) {
                p.close();
            }
        }
        if (more) {
            try {
                p.awaitSuccess();
            } catch (IOException e) {
                if (!p.stderrTail().contains("matches no streams")) {
                    throw e;
                }
                // a run without audio adds nothing; another run may have some
            }
        }
        feeder.interrupt();
        return more;
    }

    private static void feed(MediaProcess p, List<Segment> run) {
        try (OutputStream in = p.stdin()) {
            for (Segment s : run) {
                Files.copy(s.path(), in);
            }
        } catch (IOException e) {
            // ffmpeg stopped reading: it failed, had enough, or was stopped; its exit says which
        }
    }
}

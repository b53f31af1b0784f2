package org.streamvault.images;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.streamvault.cut.FileEncoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Gets the frame displayed at a time out of one segment, exact to the frame: ffprobe lists the
 * video packets' timestamps (no decoding, a few milliseconds), {@link FramePicker} chooses the
 * frame, and ffmpeg decodes up to it and writes it as a PNG to stdout. ffmpeg runs with
 * {@code -copyts} so its filter sees the same timestamps ffprobe listed, and selects by pts
 * rather than seeking, which would land on a keyframe or the next frame instead.
 */
public final class FrameGrabber {
    /** A segment of a few seconds has a few hundred frames; this only guards against a runaway listing. */
    private static final int MAX_PACKETS = 1_000_000;

    private final String ffmpeg;
    private final String ffprobe;

    public FrameGrabber(String ffmpeg, String ffprobe) {
        this.ffmpeg = ffmpeg;
        this.ffprobe = ffprobe;
    }

    /** The pts (in the video stream's time base) of the frame shown {@code offsetMicros} into {@code segment}. */
    public long framePts(ProcessGroup group, Path segment, long offsetMicros) throws IOException {
        MediaProcess probe = group.start(List.of(ffprobe, "-hide_banner", "-loglevel", "error", "-select_streams", "v:0",
                "-show_entries", "packet=pts:stream=time_base", "-of", "default=noprint_wrappers=1", segment.toString()),
                false);
        long[] pts = new long[256];
        int count = 0;
        long num = 0;
        long den = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(probe.stdout(), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("pts=") && !line.equals("pts=N/A")) {
                    if (count == MAX_PACKETS) {
                        throw new IOException("too many frames in " + segment.getFileName());
                    }
                    if (count == pts.length) {
                        pts = java.util.Arrays.copyOf(pts, count * 2);
                    }
                    pts[count++] = Long.parseLong(line.substring(4).strip());
                } else if (line.startsWith("time_base=")) {
                    String[] tb = line.substring(10).strip().split("/");
                    num = Long.parseLong(tb[0]);
                    den = Long.parseLong(tb[1]);
                }
            }
        } catch (NumberFormatException e) {
            probe.close();
            throw new IOException("ffprobe listed an unreadable timestamp for " + segment.getFileName());
        }
        probe.awaitSuccess();
        if (count == 0 || num == 0) {
            throw new NoMediaException("no video frames in segment " + segment.getFileName());
        }
        return FramePicker.pick(pts, count, num, den, offsetMicros);
    }

    /** Starts ffmpeg writing the frame at {@code pts} of {@code segment} to its stdout as a PNG. */
    public MediaProcess decodePng(ProcessGroup group, Path segment, long pts) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-loglevel", "error", "-nostdin", "-copyts",
                "-i", segment.toString(), "-map", "0:v:0", "-vf", "select=gte(pts\\," + pts + ")", "-frames:v", "1",
                "-f", "image2pipe", "-c:v", "png", "pipe:1"));
        return group.start(cmd, false);
    }

    /** The ffmpeg command writing the frame at {@code pts} of {@code segment} to {@code output} as a PNG. */
    public List<String> decodePngToFile(Path segment, long pts, Path output) {
        return List.of(ffmpeg, "-hide_banner", "-loglevel", "error", "-nostdin", "-copyts", "-i", segment.toString(),
                "-map", "0:v:0", "-vf", "select=gte(pts\\," + pts + ")", "-frames:v", "1", "-f", "image2", "-update", "1",
                "-c:v", "png", "-y", "file:" + output.toAbsolutePath());
    }

    /**
     * {@link #grab(ProcessGroup, Path, long, long)} with the decode run by {@code encoder} into a
     * temp file in {@code tempDir} (removed after): the cutter's thumbnails, run as a route.
     */
    public BufferedImage grab(ProcessGroup group, Path segment, long offsetMicros, long maxPixels, FileEncoder encoder,
            Path tempDir) throws IOException {
        long pts = framePts(group, segment, offsetMicros);
        Files.createDirectories(tempDir);
        Path file = Files.createTempFile(tempDir, "streamvault-frame-", ".png");
        try {
            encoder.encode(decodePngToFile(segment, pts, file), file);
            try (InputStream png = Files.newInputStream(file)) {
                return Png.read(png, maxPixels, "the frame");
            } catch (IllegalArgumentException e) {
                throw new IOException("ffmpeg gave no frame: " + e.getMessage());
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The frame as an image, for composing: one decoded frame in memory. */
    public BufferedImage grab(ProcessGroup group, Path segment, long offsetMicros, long maxPixels) throws IOException {
        MediaProcess decode = decodePng(group, segment, framePts(group, segment, offsetMicros));
        BufferedImage frame;
        try (InputStream png = decode.stdout()) {
            frame = Png.read(png, maxPixels, "the frame");
        } catch (IllegalArgumentException e) {
            decode.awaitSuccess();
            throw new IOException("ffmpeg gave no frame: " + e.getMessage());
        }
        decode.awaitSuccess();
        return frame;
    }
}

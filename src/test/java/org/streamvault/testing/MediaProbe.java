package org.streamvault.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What ffprobe says about a video file, for assertions on cuts: frame counts, durations, timestamps. */
public final class MediaProbe {
    private MediaProbe() {
    }

    /** Packets of the first video stream (one per frame): frames / fps is the exact video length. */
    public static int videoFrames(Path file) throws IOException, InterruptedException {
        return Integer.parseInt(firstLine(TestMedia.ffprobe("-select_streams", "v:0", "-count_packets",
                "-show_entries", "stream=nb_read_packets", "-of", "csv=p=0", file.toString())));
    }

    /** The duration ffprobe reports for the first video stream, in seconds. */
    public static double videoDuration(Path file) throws IOException, InterruptedException {
        return Double.parseDouble(firstLine(TestMedia.ffprobe("-select_streams", "v:0", "-show_entries",
                "stream=duration", "-of", "csv=p=0", file.toString())));
    }

    /** The decode timestamps of every packet of one stream ({@code v:0}, {@code a:0}), in file order. */
    public static List<Double> decodeTimes(Path file, String stream) throws IOException, InterruptedException {
        List<Double> out = new ArrayList<>();
        for (String line : TestMedia.ffprobe("-select_streams", stream, "-show_entries", "packet=dts_time",
                "-of", "csv=p=0", file.toString()).split("\n")) {
            String t = line.replace(",", "").strip();
            if (!t.isEmpty() && !t.equals("N/A")) {
                out.add(Double.parseDouble(t));
            }
        }
        return out;
    }

    /** The first decode timestamp that is not after the one before it, or {@code null} if they all increase. */
    public static String firstNonMonotonic(List<Double> times) {
        for (int i = 1; i < times.size(); i++) {
            if (times.get(i) <= times.get(i - 1)) {
                return "packet " + i + ": " + times.get(i - 1) + " then " + times.get(i);
            }
        }
        return null;
    }

    /** ffmpeg decodes the whole file without an error (a cut that plays). */
    public static void decodesCleanly(Path file) throws IOException, InterruptedException {
        TestMedia.ffmpeg(file.getParent(), "-xerror", "-i", file.toString(), "-f", "null", "-");
    }

    /** MPEG-TS files list each stream twice (once under its program); the first answer is enough. */
    private static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse("").strip();
    }
}

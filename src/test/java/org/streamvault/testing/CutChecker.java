package org.streamvault.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Judges a cut the way a viewer perceives it, packet by packet with ffprobe (SPEC §4, "What a cut
 * must be"): every frame once, a continuous timeline from the start, audio and video in sync, the
 * right container duration. Nobody listens in CI; this is the ear.
 *
 * <p>{@link #probe} measures a file into a {@link Report}; {@link Report#problems} lists every way
 * it falls short of a cut of a given length, and {@link #assertPlaysAs} fails with all of them.
 */
public final class CutChecker {
    private CutChecker() {
    }

    /** One stream's packets, sorted by presentation time: what a player would show or play. */
    public record Track(int packets, double start, double end, double largestGap, double largestOverlap,
            double frameInterval, String where, String decodeBackwards) {

        /** @param packets {@code {pts, duration, dts}} in file order */
        static Track of(List<double[]> packets, double nominalInterval) {
            if (packets.isEmpty()) {
                return null;
            }
            String backwards = null;
            for (int i = 1; i < packets.size() && backwards == null; i++) {
                if (packets.get(i)[2] <= packets.get(i - 1)[2]) {
                    backwards = String.format(Locale.ROOT, "decode time %.3f after %.3f", packets.get(i)[2],
                            packets.get(i - 1)[2]);
                }
            }
            packets.sort((a, b) -> Double.compare(a[0], b[0]));
            double interval = nominalInterval;
            if (interval <= 0) {
                // audio: the typical packet duration (1024 samples for AAC)
                interval = packets.get(packets.size() / 2)[1];
            }
            double gap = 0;
            double overlap = 0;
            String where = "";
            for (int i = 1; i < packets.size(); i++) {
                double[] prev = packets.get(i - 1);
                double dur = prev[1] > 0 ? prev[1] : interval;
                double delta = packets.get(i)[0] - (prev[0] + dur);
                if (delta > gap) {
                    gap = delta;
                    where = String.format(Locale.ROOT, "gap %.3f s after %.3f", delta, prev[0]);
                }
                if (-delta > overlap) {
                    overlap = -delta;
                }
            }
            double[] last = packets.get(packets.size() - 1);
            double end = last[0] + (last[1] > 0 ? last[1] : interval);
            return new Track(packets.size(), packets.get(0)[0], end, gap, overlap, interval, where, backwards);
        }

        double length() {
            return end - start;
        }
    }

    /**
     * What ffprobe saw. Times are seconds on the file's own clock; {@link #timelineStart()} is the
     * earliest packet of either track.
     *
     * @param video    null for an audio-only file
     * @param audio    null for a file without audio
     * @param duration {@code format=duration}
     */
    public record Report(Path file, Track video, Track audio, double fps, double duration) {

        public int videoFrames() {
            return video == null ? 0 : video.packets();
        }

        public double timelineStart() {
            return Math.min(video == null ? Double.MAX_VALUE : video.start(), audio == null ? Double.MAX_VALUE : audio.start());
        }

        /** Audio start minus video start, seconds (positive: audio starts late). */
        public double startOffset() {
            return video == null || audio == null ? 0 : audio.start() - video.start();
        }

        /** Audio end minus video end, seconds. */
        public double endOffset() {
            return video == null || audio == null ? 0 : audio.end() - video.end();
        }

        /** Every way this file falls short of a clean cut lasting {@code lengthSeconds}; empty when it is one. */
        public List<String> problems(double lengthSeconds) {
            List<String> out = new ArrayList<>();
            if (video == null && audio == null) {
                out.add("no audio or video packets at all");
                return out;
            }
            double frame = video != null ? video.frameInterval() : audio.frameInterval();
            if (video != null) {
                long want = Math.round(lengthSeconds * fps);
                if (Math.abs(video.packets() - want) > 1) {
                    out.add("video has " + video.packets() + " frames, want " + want + " ±1");
                }
                if (video.largestGap() > 0.5 * video.frameInterval()) {
                    out.add(String.format(Locale.ROOT, "video timeline has a hole: %s (more than 1.5 frame intervals)",
                            video.where()));
                }
                if (video.decodeBackwards() != null) {
                    out.add("video decode times go backwards: " + video.decodeBackwards());
                }
                if (video.largestOverlap() > 0.5 * video.frameInterval()) {
                    out.add(String.format(Locale.ROOT, "video frames overlap by %.3f s", video.largestOverlap()));
                }
            }
            if (audio != null) {
                if (audio.largestGap() > 1.5 * audio.frameInterval()) {
                    out.add(String.format(Locale.ROOT, "audio timeline has a hole: %s (more than 1.5 audio frames)",
                            audio.where()));
                }
                if (audio.largestOverlap() > 1.5 * audio.frameInterval()) {
                    out.add(String.format(Locale.ROOT, "audio frames overlap by %.3f s", audio.largestOverlap()));
                }
                if (video == null && Math.abs(audio.length() - lengthSeconds) > 0.1) {
                    out.add(String.format(Locale.ROOT, "audio lasts %.3f s, want %.3f", audio.length(), lengthSeconds));
                }
            }
            if (Math.abs(startOffset()) > frame + 1e-6) {
                out.add(String.format(Locale.ROOT, "audio starts %.3f s after video (more than a frame)", startOffset()));
            }
            if (Math.abs(endOffset()) > frame + 1e-6) {
                out.add(String.format(Locale.ROOT, "audio ends %.3f s after video (more than a frame)", endOffset()));
            }
            // Without video ffprobe estimates an MPEG-TS' duration from the start of its last PES
            // packet, missing the AAC frames packed into it; the audio track's own span is judged above.
            boolean estimated = video == null && file.getFileName().toString().endsWith(".ts");
            if (!estimated && Math.abs(duration - lengthSeconds) > 0.1) {
                out.add(String.format(Locale.ROOT, "container duration %.3f s, want %.3f ± 0.1", duration, lengthSeconds));
            }
            return out;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %d video frames%s, duration %.3f, video %s, audio %s, A/V start %+.3f end %+.3f",
                    file.getFileName(), videoFrames(), fps > 0 ? String.format(Locale.ROOT, " at %.3f fps", fps) : "",
                    duration, describe(video), describe(audio), startOffset(), endOffset());
        }

        private static String describe(Track t) {
            return t == null ? "none" : String.format(Locale.ROOT, "[%.3f..%.3f, %d packets, gap %.3f, overlap %.3f]",
                    t.start(), t.end(), t.packets(), t.largestGap(), t.largestOverlap());
        }
    }

    /** Measures {@code file} with ffprobe (two runs: stream/format facts, then every packet). */
    public static Report probe(Path file) throws IOException, InterruptedException {
        String info = TestMedia.ffprobe("-show_entries", "stream=index,codec_type,avg_frame_rate,r_frame_rate:format=duration",
                "-of", "compact=p=0:nk=0", file.toString());
        int videoIndex = -1;
        int audioIndex = -1;
        double fps = 0;
        double duration = Double.NaN;
        for (String line : info.split("\n")) {
            String index = field(line, "index");
            String type = field(line, "codec_type");
            if ("video".equals(type) && videoIndex < 0) {
                videoIndex = Integer.parseInt(index);
                fps = rate(field(line, "avg_frame_rate"));
                if (fps <= 0) {
                    fps = rate(field(line, "r_frame_rate"));
                }
            } else if ("audio".equals(type) && audioIndex < 0) {
                audioIndex = Integer.parseInt(index);
            }
            String d = field(line, "duration");
            if (d != null && index == null && !d.equals("N/A")) {
                duration = Double.parseDouble(d);
            }
        }
        List<double[]> video = new ArrayList<>();
        List<double[]> audio = new ArrayList<>();
        String packets = TestMedia.ffprobe("-show_entries", "packet=stream_index,pts_time,duration_time,dts_time", "-of", "csv=p=0",
                file.toString());
        for (String line : packets.split("\n")) {
            String[] f = line.strip().split(",");
            if (f.length < 4 || f[1].equals("N/A") || f[0].isEmpty()) {
                continue;
            }
            int stream = Integer.parseInt(f[0]);
            double pts = Double.parseDouble(f[1]);
            // ffprobe prints the fields in its own order: stream_index, pts_time, dts_time, duration_time
            double[] packet = {pts, f.length < 4 || f[3].equals("N/A") ? 0 : Double.parseDouble(f[3]),
                    f[2].equals("N/A") ? pts : Double.parseDouble(f[2])};
            if (stream == videoIndex) {
                video.add(packet);
            } else if (stream == audioIndex) {
                audio.add(packet);
            }
        }
        return new Report(file, Track.of(video, fps > 0 ? 1 / fps : 0), Track.of(audio, 0), fps, duration);
    }

    /** Fails, naming every problem and the measurements, unless {@code file} is a clean cut of {@code lengthSeconds}. */
    public static Report assertPlaysAs(Path file, double lengthSeconds) throws IOException, InterruptedException {
        Report report = probe(file);
        List<String> problems = report.problems(lengthSeconds);
        if (!problems.isEmpty()) {
            throw new AssertionError(String.format(Locale.ROOT, "not a clean %.3f s cut: %s%n  %s", lengthSeconds,
                    String.join("; ", problems), report));
        }
        return report;
    }

    /**
     * How long a cut of ranges joined by transitions lasts: the ranges added up, less every
     * transition (each overlaps the end of one range with the start of the next).
     *
     * @param rangeSeconds      each range's length
     * @param transitionSeconds one per join, null for a hard cut
     */
    public static double joinedLength(List<Double> rangeSeconds, List<Double> transitionSeconds) {
        if (transitionSeconds.size() != rangeSeconds.size() - 1) {
            throw new IllegalArgumentException(rangeSeconds.size() + " ranges have " + (rangeSeconds.size() - 1) + " joins");
        }
        double sum = 0;
        for (double r : rangeSeconds) {
            sum += r;
        }
        for (Double t : transitionSeconds) {
            sum -= t == null ? 0 : t;
        }
        return sum;
    }

    /**
     * Fails unless {@code file} is a clean cut of ranges joined by transitions: continuous, in sync,
     * {@link #joinedLength} long, with that length × fps frames ± 1 (so a cut that plays the ranges
     * whole, one after the other, instead of overlapping them fails).
     */
    public static Report assertPlaysAsJoined(Path file, List<Double> rangeSeconds, List<Double> transitionSeconds)
            throws IOException, InterruptedException {
        return assertPlaysAs(file, joinedLength(rangeSeconds, transitionSeconds));
    }

    private static String field(String line, String key) {
        for (String part : line.split("\\|")) {
            if (part.startsWith(key + "=")) {
                return part.substring(key.length() + 1);
            }
        }
        return null;
    }

    private static double rate(String text) {
        if (text == null || !text.contains("/")) {
            return 0;
        }
        String[] nd = text.split("/");
        double d = Double.parseDouble(nd[1]);
        return d == 0 ? 0 : Double.parseDouble(nd[0]) / d;
    }
}

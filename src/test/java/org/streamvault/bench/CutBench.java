package org.streamvault.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.streamvault.cut.CutPart;
import org.streamvault.cut.CutRange;
import org.streamvault.cut.CutRequest;
import org.streamvault.cut.CutSettings;
import org.streamvault.cut.CutStream;
import org.streamvault.cut.CutType;
import org.streamvault.cut.Cutter;
import org.streamvault.segments.SegmentStore;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.LongRecording;
import org.streamvault.testing.TestNode;

/**
 * Issues #4 and #12 benchmark, in one run over a store of about 1 GB of real 2 s segments:
 * rough-cut throughput (library and over HTTP) against {@code cat} of the same files, peak heap
 * during the 1 GB rough cuts, a one-hour fast cut against re-encoding its two edge segments plus
 * a stream copy of the hour, and a one-hour smart cut against that stream copy. Run with {@code bench/run CutBench} (add {@code JAVA_OPTS=-Xmx64m} to show
 * it fits a small heap).
 */
public final class CutBench {
    private static final long SEC = Timestamps.MICROS_PER_SECOND;
    private static final long START = Timestamps.parseUtc("2026-11-20T14:00:00");
    private static final int RUNS = 3;

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("cut-bench");
        try {
            run(dir);
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(Path dir) throws Exception {
        Path store = dir.resolve("store");
        List<Path> sample = LongRecording.build(dir.resolve("sample"), "s", "s", START, 60);
        int count = (int) Math.ceil((1L << 30) / (double) LongRecording.size(sample) * 60);
        List<Path> files = LongRecording.build(store, "bench", "source", START, count);
        long bytes = LongRecording.size(files);
        long end = START + count * 2 * SEC;
        System.out.printf("store: %d segments, %.0f MB, %.1f hours%n", count, mb(bytes), count * 2 / 3600.0);
        Path list = Files.write(dir.resolve("files.txt"), files.stream().map(Path::toString).toList());

        cat(list); // page cache warm-up, as the store would be for a popular range
        double catSeconds = best(() -> cat(list));
        System.out.printf("baseline  cat of the same files:      %7.0f MB/s%n", mb(bytes) / catSeconds);

        Cutter cutter = new Cutter(CutSettings.defaults().withTempDir(dir.resolve("tmp")));
        SegmentStore segments = new SegmentStore(store);
        CutRequest rough = request(segments, CutType.ROUGH, START, end);
        resetPeakHeap();
        double library = best(() -> {
            try (CutStream cut = cutter.open(rough)) {
                check(cut.transferTo(OutputStream.nullOutputStream()), bytes);
            }
        });
        long libraryPeak = peakHeap();
        System.out.printf("rough cut, library (CutStream):        %7.0f MB/s = %.2f x cat (target >= 0.5), peak heap %.0f MB%n",
                mb(bytes) / library, catSeconds / library, mb(libraryPeak));

        try (TestNode node = TestNode.start(store, "streamvault.cut.temp-dir", dir.resolve("tmp").toString())) {
            URI uri = URI.create(node.url("/cut/bench/source.ts?type=rough&start=" + Timestamps.formatIso(START)
                    + "&end=" + Timestamps.formatIso(end)));
            curl(uri, bytes); // the node's warm-up, as cat's first run is the page cache's: its code compiled
            resetPeakHeap();
            double overHttp = best(() -> curl(uri, bytes));
            long httpPeak = peakHeap();
            System.out.printf("rough cut, HTTP GET /cut (curl client): %7.0f MB/s = %.2f x cat, node peak heap %.0f MB (max heap %.0f MB)%n",
                    mb(bytes) / overHttp, catSeconds / overHttp, mb(httpPeak), mb(Runtime.getRuntime().maxMemory()));
        }
        if (Boolean.getBoolean("bench.rough-only")) {
            return; // -Dbench.rough-only=true: the rough figures alone, e.g. under a profiler
        }

        // one hour, starting and ending inside a segment (both edges re-encoded)
        long hourStart = START + 1_300_000;
        long hourEnd = START + 3600 * SEC - 700_000;
        int hourSegments = 1800;
        Path hourList = Files.write(dir.resolve("hour.txt"), files.subList(0, hourSegments).stream().map(Path::toString).toList());
        CutRequest fast = request(segments, CutType.FAST, hourStart, hourEnd);
        CutRequest smart = request(segments, CutType.SMART, hourStart, hourEnd);
        double[] firstByte = new double[1];
        double fastTotal = best(() -> firstByte[0] = drain(cutter, fast));
        double smartTotal = best(() -> drain(cutter, smart));
        double edges = best(() -> {
            edgeEncode(files.get(0), "-ss", "1.3");
            edgeEncode(files.get(hourSegments - 1), "-t", "1.3");
        });
        double copy = best(() -> copyRemux(hourList));
        System.out.printf("baseline  re-encode of the two edge segments: %.2f s; ffmpeg -c copy remux of the hour: %.2f s%n",
                edges, copy);
        System.out.printf("restarting hour (hard links: the stream restarts every 120 s, 30 runs, each run's start re-encoded):%n");
        System.out.printf("fast cut of 1 hour:  first byte %.2f s, complete %.2f s = %.2f x (edges + copy)%n",
                firstByte[0], fastTotal, fastTotal / (edges + copy));
        System.out.printf("smart cut of 1 hour: complete %.2f s = %.2f x copy%n", smartTotal, smartTotal / copy);

        // the same hour as a live stream records it: one run, timestamps continuous (the case)
        Path live = dir.resolve("continuous");
        List<Path> liveFiles = org.streamvault.cut.ContinuousRecording.build(live, "bench", "source", START, hourSegments);
        Path liveList = Files.write(dir.resolve("continuous.txt"), liveFiles.stream().map(Path::toString).toList());
        cat(liveList);
        SegmentStore liveSegments = new SegmentStore(live);
        CutRequest liveFast = request(liveSegments, CutType.FAST, hourStart, hourEnd);
        CutRequest liveSmart = request(liveSegments, CutType.SMART, hourStart, hourEnd);
        double liveFastTotal = best(() -> firstByte[0] = drain(cutter, liveFast));
        double liveSmartTotal = best(() -> drain(cutter, liveSmart));
        double liveEdges = best(() -> {
            edgeEncode(liveFiles.get(0), "-ss", "1.3");
            edgeEncode(liveFiles.get(hourSegments - 1), "-t", "1.3");
        });
        double liveCopy = best(() -> copyRemux(liveList));
        System.out.printf("continuous hour (one run): baseline re-encode of the two edge segments: %.2f s;"
                + " ffmpeg -c copy remux of the hour: %.2f s%n", liveEdges, liveCopy);
        System.out.printf("fast cut of 1 hour:  first byte %.2f s, complete %.2f s = %.2f x (edges + copy) (target <= 1.5)%n",
                firstByte[0], liveFastTotal, liveFastTotal / (liveEdges + liveCopy));
        System.out.printf("smart cut of 1 hour: complete %.2f s = %.2f x copy (target <= 2)%n", liveSmartTotal,
                liveSmartTotal / liveCopy);

        try (TestNode node = TestNode.start(live, "streamvault.cut.temp-dir", dir.resolve("tmp").toString())) {
            ConcurrentDownloads.run(node, "bench/source", START, START + hourSegments * 2L * SEC);
        }
    }

    /** Reads a cut to its end; returns the seconds to its first byte. */
    private static double drain(Cutter cutter, CutRequest request) throws IOException {
        long t0 = System.nanoTime();
        try (CutStream cut = cutter.open(request)) {
            byte[] buf = new byte[1 << 20];
            int n = cut.read(buf);
            double first = (System.nanoTime() - t0) / 1e9;
            long total = n;
            while ((n = cut.read(buf)) >= 0) {
                total += n;
            }
            if (total <= 0) {
                throw new IllegalStateException("empty cut");
            }
            return first;
        }
    }

    /** What a plain stream copy of the hour costs: its segments piped into one {@code ffmpeg -c copy}. */
    private static void copyRemux(Path list) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", "xargs -d '\\n' cat < '" + list + "' | ffmpeg -hide_banner -loglevel error"
                + " -nostdin -f mpegts -i pipe:0 -map 0 -c copy -f mpegts -y /dev/null").inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException("ffmpeg copy failed");
        }
    }

    private static CutRequest request(SegmentStore store, CutType type, long start, long end) throws Exception {
        CutRange range = new CutRange(start, end);
        return new CutRequest(type, List.of(new CutPart(range, store.select("bench", "source", start, end, false))));
    }

    private static void cat(Path list) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", "xargs -d '\\n' cat < '" + list + "' > /dev/null").inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException("cat failed");
        }
    }

    /** Downloads with curl, outside this JVM, so the heap figure is the node's alone. */
    private static void curl(URI uri, long expected) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("curl", "-sS", "-o", "/dev/null", "-w", "%{size_download}", uri.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String size = new String(p.getInputStream().readAllBytes()).strip();
        if (p.waitFor() != 0) {
            throw new IOException("curl failed");
        }
        check(Long.parseLong(size), expected);
    }

    /** What a cut does to an edge segment, alone: ffmpeg's start-up, decode and encode of 2 s. */
    private static void edgeEncode(Path segment, String trim, String seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-i", "file:" + segment,
                "-map", "0:0", "-c:0", "h264", "-map", "0:1", "-c:1", "aac", trim, seconds, "-f", "mpegts", "-y", "/dev/null")
                .inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException("ffmpeg failed");
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    /** Best of {@link #RUNS} runs, in seconds. */
    private static double best(Work work) throws Exception {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            work.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }

    private static void check(long got, long expected) {
        if (got != expected) {
            throw new IllegalStateException("cut has " + got + " bytes, expected " + expected);
        }
    }

    private static void resetPeakHeap() {
        System.gc();
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Sum of the heap pools' peaks since the last reset (an upper bound of the peak of their sum). */
    private static long peakHeap() {
        return heapPools().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private static Stream<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP);
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}

package org.streamvault.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.TestNode;

/**
 * Issue #18's "20 clients downloading different cuts at once": {@value #CLIENTS} {@code curl}s,
 * each a different cut (half rough, half fast, so ffmpeg encodes edges meanwhile), download while
 * a playlist of an hour is requested every 50 ms; the playlist times are printed next to the same
 * request on the idle node (the baseline, same run). Twice: each client at {@value #CLIENT_RATE}
 * (160 Mb/s, a fast home link: the clients of a real node are elsewhere), which is the figure;
 * then as fast as loopback lets them, where the 20 {@code curl}s and the edge encodes take the
 * same two cores as the node (shown, no target).
 */
final class ConcurrentDownloads {
    static final int CLIENTS = 20;
    static final String CLIENT_RATE = "20M";
    private static final long SEC = Timestamps.MICROS_PER_SECOND;

    private ConcurrentDownloads() {
    }

    static void run(TestNode node, String stream, long storeStart, long storeEnd) throws Exception {
        run(node, stream, storeStart, storeEnd, CLIENT_RATE);
        run(node, stream, storeStart, storeEnd, null);
    }

    private static void run(TestNode node, String stream, long storeStart, long storeEnd, String rate) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI playlist = URI.create(node.url("/playlist/" + stream + ".m3u8?start=" + Timestamps.formatIso(storeStart)
                + "&end=" + Timestamps.formatIso(storeEnd)));
        for (int i = 0; i < 20; i++) {
            time(http, playlist); // warm-up
        }
        double[] idle = new double[40];
        for (int i = 0; i < idle.length; i++) {
            idle[i] = time(http, playlist);
        }

        List<Process> downloads = new ArrayList<>();
        long span = storeEnd - storeStart;
        for (int i = 0; i < CLIENTS; i++) {
            boolean rough = i % 2 == 0;
            long start = storeStart + span * i / (CLIENTS + 1) + (rough ? 0 : SEC / 2);
            long end = start + (rough ? 1200 : 600) * SEC;
            String cut = node.url("/cut/" + stream + ".ts?type=" + (rough ? "rough" : "fast") + "&start="
                    + Timestamps.formatIso(start) + "&end=" + Timestamps.formatIso(Math.min(end, storeEnd)));
            List<String> curl = new ArrayList<>(List.of("curl", "-sS", "-f", "-o", "/dev/null"));
            if (rate != null) {
                curl.addAll(List.of("--limit-rate", rate));
            }
            curl.add(cut);
            downloads.add(new ProcessBuilder(curl).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        }
        long t0 = System.nanoTime();
        List<Double> busy = new ArrayList<>();
        while (downloads.stream().anyMatch(Process::isAlive)) {
            busy.add(time(http, playlist));
            Thread.sleep(50);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        int failed = 0;
        for (Process p : downloads) {
            if (p.waitFor() != 0) {
                failed++;
            }
        }
        double[] during = busy.stream().mapToDouble(Double::doubleValue).toArray();
        System.out.printf("%d concurrent cut downloads (10 rough of 20 min, 10 fast of 10 min, from the continuous hour), %s, over %.1f s, %d failed;"
                + " 1 h playlist: idle median %.1f ms; during the downloads median %.1f ms, p95 %.1f ms, max %.1f ms"
                + " (%d requests)%s%n",
                CLIENTS, rate == null ? "unlimited" : rate + "B/s each", seconds, failed, median(idle), median(during),
                percentile(during, 0.95), percentile(during, 1.0), during.length,
                rate == null ? "" : "; target: median within 50 ms");
    }

    private static double time(HttpClient http, URI uri) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
        double ms = (System.nanoTime() - t0) / 1e6;
        if (r.statusCode() != 200) {
            throw new IllegalStateException("playlist answered " + r.statusCode());
        }
        return ms;
    }

    private static double median(double[] values) {
        return percentile(values, 0.5);
    }

    private static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))];
    }
}

package org.streamvault.restream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.Await;
import org.streamvault.testing.LongRecording;
import org.streamvault.testing.ProcessWatch;
import org.streamvault.testing.TestNode;

/**
 * Clients that start a long download and then read it very slowly or not at all (a phone on a
 * bad link, a paused browser) hold no thread of the node: with a pool of only {@value #WORKERS}
 * Vert.x workers, {@value #CLIENTS} such downloads of different cuts (rough and fast, each well
 * beyond what socket buffers hold) are all under way, no worker is inside a cut, no thread waits
 * in a cut's read for a stalled client, and playlists are still answered within 50 ms. When the
 * stock platform-http consumer ran the cut routes, each download kept its worker until the
 * client had taken the last byte, and the fifth client never got the head of its answer.
 */
class SlowCutClientsTest {
    private static final int WORKERS = 4;
    private static final int CLIENTS = 24;
    private static final long T0 = Timestamps.parseUtc("2026-11-20T14:00:00");
    private static final long SEC = Timestamps.MICROS_PER_SECOND;

    @Test
    void slowAndStalledCutDownloadsHoldNoThreadAndPlaylistsAreAnsweredWithin50ms(@TempDir Path dir) throws Exception {
        LongRecording.build(dir, "chan", "src", T0, 300);
        try (TestNode node = TestNode.start(dir, "streamvault.http.worker-threads", Integer.toString(WORKERS))) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong slowBytes = new AtomicLong();
            List<Socket> clients = new ArrayList<>();
            List<Thread> slowReaders = new ArrayList<>();
            try {
                for (int i = 0; i < CLIENTS; i++) {
                    // every client a different cut: its own start, rough or fast (ffmpeg re-encodes its edges)
                    boolean rough = i % 2 == 0;
                    long start = T0 + i * 5 * SEC + (rough ? 0 : SEC / 2);
                    long end = start + (rough ? 240 : 180) * SEC;
                    Socket s = startDownload(node.port(), "/cut/chan/src.ts?type=" + (rough ? "rough" : "fast")
                            + "&start=" + Timestamps.formatIso(start) + "&end=" + Timestamps.formatIso(end));
                    clients.add(s);
                    if (i % 3 == 0) {
                        slowReaders.add(Thread.ofVirtual().start(() -> readSlowly(s, stop, slowBytes)));
                    }
                }
                Await.until("every stalled download to stop waiting in a read", ProcessWatch.STOP_TIMEOUT,
                        () -> threadsInCutReads() <= slowReaders.size());

                long[] millis = new long[20];
                for (int i = 0; i < millis.length; i++) {
                    assertThat(workersInsideCuts()).as("Vert.x workers inside a cut").isZero();
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = node.get("/playlist/chan/src.m3u8?start=2026-11-20T14:00:00&end=2026-11-20T14:01:00");
                    millis[i] = (System.nanoTime() - t0) / 1_000_000;
                    assertThat(r.statusCode()).isEqualTo(200);
                    assertThat(r.body()).startsWith("#EXTM3U");
                }
                Arrays.sort(millis);
                assertThat(millis[millis.length / 2]).as("median playlist time (ms), all: %s", Arrays.toString(millis))
                        .isLessThanOrEqualTo(50);
                assertThat(millis[millis.length - 1]).as("slowest playlist time (ms)").isLessThan(1000);

                assertThat(workerThreadNames()).as("the configured worker pool").allMatch(n -> workerIndex(n) < WORKERS);
                long before = slowBytes.get();
                Await.until("the slow clients to go on receiving", ProcessWatch.STOP_TIMEOUT, () -> slowBytes.get() > before);
            } finally {
                stop.set(true);
                for (Socket s : clients) {
                    s.close();
                }
                for (Thread t : slowReaders) {
                    t.join();
                }
            }
            // the node stops those cuts: no ffmpeg of a fast cut left, no read still waiting
            ProcessWatch.awaitNoFfmpegChildren();
            Await.until("no thread left in a cut's read", ProcessWatch.STOP_TIMEOUT, () -> threadsInCutReads() == 0);
        }
    }

    /** Sends the request and reads the head of the answer; the caller decides how the body is read. */
    private static Socket startDownload(int port, String path) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096); // so the node's writes fill the connection quickly
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        s.setSoTimeout(20_000);
        InputStream in = s.getInputStream();
        byte[] head = new byte[12];
        int n = in.readNBytes(head, 0, head.length);
        assertThat(new String(head, 0, n, StandardCharsets.US_ASCII)).as(path).isEqualTo("HTTP/1.1 200");
        return s;
    }

    /** 16 KB every 100 ms (160 KB/s, under a tenth of the cut's bit rate over loopback). */
    private static void readSlowly(Socket s, AtomicBoolean stop, AtomicLong total) {
        byte[] buf = new byte[16 * 1024];
        try {
            InputStream in = s.getInputStream();
            while (!stop.get()) {
                int n = in.read(buf);
                if (n < 0) {
                    return;
                }
                total.addAndGet(n);
                Thread.sleep(100);
            }
        } catch (IOException | InterruptedException e) {
            // closed by the test
        }
    }

    private static long threadsInCutReads() {
        return stacks().values().stream().filter(stack -> has(stack, "org.streamvault.cut.CutStream", "read")).count();
    }

    private static long workersInsideCuts() {
        return stacks().entrySet().stream().filter(e -> e.getKey().getName().startsWith("vert.x-worker-thread-"))
                .filter(e -> has(e.getValue(), "org.streamvault.restream.Cut", null) || has(e.getValue(), "org.streamvault.cut.", null))
                .count();
    }

    private static List<String> workerThreadNames() {
        return stacks().keySet().stream().map(Thread::getName).filter(n -> n.startsWith("vert.x-worker-thread-")).toList();
    }

    private static int workerIndex(String name) {
        return Integer.parseInt(name.substring("vert.x-worker-thread-".length()));
    }

    private static Map<Thread, StackTraceElement[]> stacks() {
        return Thread.getAllStackTraces();
    }

    private static boolean has(StackTraceElement[] stack, String classPrefix, String method) {
        for (StackTraceElement e : stack) {
            if (e.getClassName().startsWith(classPrefix) && (method == null || e.getMethodName().equals(method))) {
                return true;
            }
        }
        return false;
    }
}

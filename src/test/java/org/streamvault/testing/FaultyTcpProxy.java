package org.streamvault.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bad network link for tests: a loopback TCP proxy in front of any HTTP/1.1 server that cuts,
 * stalls and trickles the server's responses at configurable rates.
 *
 * <p>Requests pass through untouched. Responses are followed just enough to find each one's
 * body on a keep-alive connection (status line, headers, {@code Content-Length}; chunked bodies
 * are followed chunk by chunk). For every response whose body is at least
 * {@link Faults#minBodyBytes} long, one draw from a seeded random decides its fate:
 * <ul>
 *   <li><b>cut</b> (probability {@link Faults#cut}): the head and a random part of the body are
 *       sent, then both connections are closed — a transfer that breaks mid-body;</li>
 *   <li><b>stall</b> ({@link Faults#stall}): at a random point of the body nothing is sent for a
 *       time drawn between {@link Faults#stallMin} and {@link Faults#stallMax}, then the rest;</li>
 *   <li><b>trickle</b> ({@link Faults#trickle}): the body goes out at
 *       {@link Faults#trickleBytesPerSecond};</li>
 *   <li>otherwise it is passed on as it comes.</li>
 * </ul>
 * A chunked body's length is not known in advance: it is faulted (within its first chunk) only
 * when {@code minBodyBytes} is 0; otherwise it, like a response without a body, is counted as
 * {@link #unfaultable()}. Faults can be changed while the proxy runs ({@link #faults}); every
 * fault applied is counted. Only GET-style exchanges are understood: a HEAD response, which has a
 * length but no body, would be misread.
 */
public final class FaultyTcpProxy implements AutoCloseable {
    private static final int MAX_HEAD = 64 * 1024;

    /**
     * What the link does; immutable, built with the {@code with...} methods from {@link #NONE}.
     *
     * @param cut probability that a response is cut mid-body
     * @param stall probability that a response stalls once mid-body
     * @param trickle probability that a response's body is trickled
     * @param minBodyBytes only bodies at least this long are faulted (e.g. leave small listings alone)
     */
    public record Faults(double cut, double stall, Duration stallMin, Duration stallMax, double trickle,
            int trickleBytesPerSecond, long minBodyBytes, long seed) {
        public static final Faults NONE = new Faults(0, 0, Duration.ZERO, Duration.ZERO, 0, 64 * 1024, 0, 1);

        public Faults {
            if (cut < 0 || stall < 0 || trickle < 0 || cut + stall + trickle > 1) {
                throw new IllegalArgumentException("fault probabilities must be >= 0 and sum to at most 1");
            }
            if (stallMax.compareTo(stallMin) < 0 || trickleBytesPerSecond < 10) {
                throw new IllegalArgumentException("stallMax < stallMin, or trickle below 10 bytes/s");
            }
        }

        public Faults withCut(double p) {
            return new Faults(p, stall, stallMin, stallMax, trickle, trickleBytesPerSecond, minBodyBytes, seed);
        }

        public Faults withStall(double p, Duration min, Duration max) {
            return new Faults(cut, p, min, max, trickle, trickleBytesPerSecond, minBodyBytes, seed);
        }

        public Faults withTrickle(double p, int bytesPerSecond) {
            return new Faults(cut, stall, stallMin, stallMax, p, bytesPerSecond, minBodyBytes, seed);
        }

        public Faults withMinBodyBytes(long bytes) {
            return new Faults(cut, stall, stallMin, stallMax, trickle, trickleBytesPerSecond, bytes, seed);
        }

        public Faults withSeed(long s) {
            return new Faults(cut, stall, stallMin, stallMax, trickle, trickleBytesPerSecond, minBodyBytes, s);
        }
    }

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Closeable> open = ConcurrentHashMap.newKeySet();
    private volatile Faults faults;
    private Random random;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger responses = new AtomicInteger();
    private final AtomicInteger cuts = new AtomicInteger();
    private final AtomicInteger stalls = new AtomicInteger();
    private final AtomicInteger trickles = new AtomicInteger();
    private final AtomicInteger unfaultable = new AtomicInteger();
    private volatile boolean closed;

    private FaultyTcpProxy(int targetPort, Faults faults) throws IOException {
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        faults(faults);
        threads.execute(this::acceptLoop);
    }

    /** A proxy on a free loopback port in front of {@code 127.0.0.1:targetPort}. */
    public static FaultyTcpProxy start(int targetPort, Faults faults) throws IOException {
        return new FaultyTcpProxy(targetPort, faults);
    }

    /** Changes what the link does from the next response on; the random restarts from the new seed. */
    public synchronized void faults(Faults f) {
        this.faults = f;
        this.random = new Random(f.seed());
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public int connections() {
        return connections.get();
    }

    /** Responses seen (faulted or not). */
    public int responses() {
        return responses.get();
    }

    public int cuts() {
        return cuts.get();
    }

    public int stalls() {
        return stalls.get();
    }

    public int trickles() {
        return trickles.get();
    }

    /** Responses that could not be faulted: chunked, or without a body. */
    public int unfaultable() {
        return unfaultable.get();
    }

    /** One line for test logs and failure messages. */
    public String summary() {
        return String.format("%d connections, %d responses: %d cut, %d stalled, %d trickled, %d unfaultable",
                connections(), responses(), cuts(), stalls(), trickles(), unfaultable());
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            connections.incrementAndGet();
            threads.execute(() -> relay(client));
        }
    }

    private void relay(Socket client) {
        Socket upstream = new Socket();
        open.add(client);
        open.add(upstream);
        try {
            upstream.connect(target, 5000);
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            threads.execute(() -> pipeRequests(client, upstream));
            relayResponses(upstream, client);
        } catch (IOException e) {
            // either side went away, or a cut closed them on purpose
        } finally {
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    private void pipeRequests(Socket client, Socket upstream) {
        try (InputStream in = client.getInputStream()) {
            OutputStream out = upstream.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
            upstream.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    private void relayResponses(Socket upstream, Socket client) throws IOException {
        InputStream in = new BufferedInputStream(upstream.getInputStream(), 64 * 1024);
        OutputStream out = client.getOutputStream();
        while (true) {
            byte[] head = readHead(in);
            if (head == null) {
                return; // the server closed the connection between responses
            }
            responses.incrementAndGet();
            Head parsed = Head.parse(head);
            out.write(head);
            if (parsed.chunked()) {
                Plan plan = draw(-1);
                if (plan.kind == Kind.NONE && faults.minBodyBytes() > 0) {
                    unfaultable.incrementAndGet();
                }
                if (!copyChunked(in, out, plan, client, upstream)) {
                    return;
                }
            } else if (parsed.length() <= 0) {
                unfaultable.incrementAndGet(); // nothing to cut
                out.flush();
                if (parsed.length() < 0) {
                    in.transferTo(out); // delimited by the connection's end
                    return;
                }
            } else if (!sendBody(in, out, parsed.length(), client, upstream)) {
                return;
            }
        }
    }

    private enum Kind { NONE, CUT, STALL, TRICKLE }

    /** One response's fate: where in the body (a fraction of it) a cut or stall happens, and for how long. */
    private record Plan(Kind kind, double at, long stallMillis, int bytesPerSecond) {
    }

    /**
     * Draws a response's fate. A chunked body ({@code length} -1) has no known length: it is
     * faulted only when every body is ({@code minBodyBytes} 0), within its first chunk.
     */
    private synchronized Plan draw(long length) {
        Faults f = faults;
        boolean eligible = length < 0 ? f.minBodyBytes() <= 0 : length > 0 && length >= f.minBodyBytes();
        double draw = eligible ? random.nextDouble() : 1.0;
        double at = random.nextDouble();
        long stallMillis = f.stallMin().toMillis()
                + (long) (random.nextDouble() * (f.stallMax().toMillis() - f.stallMin().toMillis()));
        Kind kind = draw < f.cut() ? Kind.CUT : draw < f.cut() + f.stall() ? Kind.STALL
                : draw < f.cut() + f.stall() + f.trickle() ? Kind.TRICKLE : Kind.NONE;
        switch (kind) {
            case CUT -> cuts.incrementAndGet();
            case STALL -> stalls.incrementAndGet();
            case TRICKLE -> trickles.incrementAndGet();
            case NONE -> { }
        }
        return new Plan(kind, at, stallMillis, f.trickleBytesPerSecond());
    }

    /** Sends one body of {@code length} bytes with whatever fault the draw gives; false after a cut. */
    private boolean sendBody(InputStream in, OutputStream out, long length, Socket client, Socket upstream)
            throws IOException {
        boolean open = sendPlanned(in, out, length, draw(length), client, upstream);
        if (open) {
            out.flush();
        }
        return open;
    }

    /** Sends {@code length} bytes applying {@code plan}; false when it cut the connection. */
    private static boolean sendPlanned(InputStream in, OutputStream out, long length, Plan plan, Socket client,
            Socket upstream) throws IOException {
        long at = (long) (plan.at * length);
        switch (plan.kind) {
            case CUT -> {
                copy(in, out, at);
                out.flush();
                client.shutdownOutput();
                client.close();
                upstream.close();
                return false;
            }
            case STALL -> {
                copy(in, out, at);
                out.flush();
                pause(plan.stallMillis);
                copy(in, out, length - at);
            }
            case TRICKLE -> trickle(in, out, length, plan.bytesPerSecond);
            case NONE -> copy(in, out, length);
        }
        return true;
    }

    private static void pause(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("proxy closing");
        }
    }

    private static void trickle(InputStream in, OutputStream out, long length, int bytesPerSecond)
            throws IOException {
        int step = Math.max(1, bytesPerSecond / 10);
        for (long left = length; left > 0; left -= step) {
            copy(in, out, Math.min(step, left));
            out.flush();
            pause(100);
        }
    }

    private static void copy(InputStream in, OutputStream out, long count) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long left = count;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("server closed mid-body");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    /** Relays a chunked body; a cut or stall falls in its first chunk, a trickle covers every chunk. */
    private static boolean copyChunked(InputStream in, OutputStream out, Plan plan, Socket client, Socket upstream)
            throws IOException {
        boolean first = true;
        while (true) {
            byte[] line = readLine(in);
            out.write(line);
            String size = new String(line, StandardCharsets.ISO_8859_1).trim();
            int semicolon = size.indexOf(';');
            long n = Long.parseLong(semicolon >= 0 ? size.substring(0, semicolon) : size, 16);
            if (n == 0) {
                byte[] trailer;
                do {
                    trailer = readLine(in);
                    out.write(trailer);
                } while (trailer.length > 2);
                out.flush();
                return true;
            }
            Plan now = first || plan.kind == Kind.TRICKLE ? plan : new Plan(Kind.NONE, 0, 0, 0);
            first = false;
            if (!sendPlanned(in, out, n, now, client, upstream)) {
                return false;
            }
            copy(in, out, 2); // the chunk's CRLF
            out.flush();
        }
    }

    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n') {
                return line.toByteArray();
            }
            if (line.size() > MAX_HEAD) {
                break;
            }
        }
        throw new IOException("chunked body ended early or has an overlong line");
    }

    /** The bytes up to and including the blank line, or null at a clean end of the connection. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            int n = head.size();
            if (n >= 4 && b == '\n') {
                byte[] h = head.toByteArray();
                if (h[n - 2] == '\r' && h[n - 3] == '\n' && h[n - 4] == '\r') {
                    return h;
                }
            }
            if (n > MAX_HEAD) {
                throw new IOException("response head over " + MAX_HEAD + " bytes");
            }
        }
        if (head.size() == 0) {
            return null;
        }
        throw new IOException("server closed mid-head");
    }

    /** What the proxy needs from a response head: the body's length (-1 = until close) or chunking. */
    private record Head(long length, boolean chunked) {
        static Head parse(byte[] head) {
            String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
            String[] status = lines[0].split(" ");
            int code = status.length > 1 ? Integer.parseInt(status[1]) : 200;
            long length = -1;
            boolean chunked = false;
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = lines[i].substring(colon + 1).trim();
                if (name.equals("content-length")) {
                    length = Long.parseLong(value);
                } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                    chunked = true;
                }
            }
            if (code / 100 == 1 || code == 204 || code == 304) {
                return new Head(0, false);
            }
            return new Head(chunked ? -1 : length, chunked);
        }
    }

    private void closeQuietly(Closeable c) {
        open.remove(c);
        try {
            c.close();
        } catch (IOException e) {
            // already gone
        }
    }

    /** Stops accepting, drops every connection and wakes stalled relays. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
        for (Closeable c : open) {
            closeQuietly(c);
        }
        threads.shutdownNow();
    }
}

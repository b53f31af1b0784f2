package org.streamvault.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.1 client for benchmarks: one kept-alive connection, the body read into a
 * reused buffer and counted, never decoded. {@code java.net.http.HttpClient} spends ~50 ms
 * receiving 7.6 MB on this machine, which would hide what the server does.
 */
final class RawHttpClient implements AutoCloseable {
    private final String host;
    private final int port;
    private final byte[] buffer = new byte[1 << 20];
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    RawHttpClient(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** GETs {@code path}; returns the body length; throws unless the status is 200. */
    long get(String path) throws IOException {
        return get(path, null);
    }

    /** Like {@link #get(String)}; when {@code copy} is not null the body is also written to it. */
    long get(String path, OutputStream copy) throws IOException {
        if (socket == null) {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            out = socket.getOutputStream();
        }
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = line();
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String h = line(); !h.isEmpty(); h = line()) {
            String lower = h.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(h.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        long total = 0;
        if (chunked) {
            for (long n = Long.parseLong(line().trim(), 16); n > 0; n = Long.parseLong(line().trim(), 16)) {
                total += body(n, copy);
                line();
            }
            line();
        } else if (length >= 0) {
            total = body(length, copy);
        } else {
            throw new IOException("no length in answer to " + path);
        }
        if (close) {
            close();
        }
        if (!status.contains(" 200 ")) {
            throw new IOException(path + ": " + status);
        }
        return total;
    }

    private long body(long n, OutputStream copy) throws IOException {
        long left = n;
        while (left > 0) {
            int r = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (r < 0) {
                throw new IOException("connection closed in a body");
            }
            if (copy != null) {
                copy.write(buffer, 0, r);
            }
            left -= r;
        }
        return n;
    }

    private String line() throws IOException {
        ByteArrayOutputStream sb = new ByteArrayOutputStream(64);
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                sb.write(c);
            }
        }
        if (c < 0 && sb.size() == 0) {
            throw new IOException("connection closed");
        }
        return sb.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }
}

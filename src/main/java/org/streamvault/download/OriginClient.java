package org.streamvault.download;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * HTTP to HLS origins, on Apache HttpClient 5 (the client camel-http is built on).
 *
 * <p>Why not a camel-http {@code to}: in Camel 4.14 camel-http executes requests through
 * HttpClient's response-handler API, which drains the whole entity before {@code to} returns,
 * even with {@code disableStreamCache=true} (the body it hands back is an already closed
 * stream). A segment must be hashed and written as it arrives, timed from the response head and
 * abortable mid-body, so requests are opened here with {@code executeOpen} and the caller reads
 * the live stream. {@link Exchange#abort()} cancels the request from any thread; the blocked
 * read then fails at once instead of draining what is left.
 */
public final class OriginClient implements Closeable {
    private static final String USER_AGENT = "streamvault-downloader";

    private final CloseableHttpClient client;

    /**
     * @param connectTimeout TCP connect limit
     * @param socketTimeout  limit on one blocking read; a backstop under the watchdog's deadlines
     * @param maxConnections connections kept per origin host (all streams of a node share them)
     */
    public OriginClient(Duration connectTimeout, Duration socketTimeout, int maxConnections) {
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(socketTimeout))
                        .setTimeToLive(TimeValue.ofMinutes(5))
                        // origins close idle keep-alive connections; check before reusing an idle one
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .build())
                .setMaxConnTotal(maxConnections * 2)
                .setMaxConnPerRoute(maxConnections)
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(socketTimeout))
                        .setConnectionRequestTimeout(Timeout.of(socketTimeout))
                        .setMaxRedirects(5)
                        .setCircularRedirectsAllowed(false)
                        .build())
                // HttpClient's own retries re-use an execution that executeOpen has handed over
                // ("IllegalStateException: Endpoint not acquired"), so they are off; PendingRequest
                // retries the one case worth retrying itself
                .disableAutomaticRetries()
                .setUserAgent(USER_AGENT)
                .disableCookieManagement()
                .evictExpiredConnections()
                .build();
    }

    /** Opens a GET; returns once the response head has arrived. The caller must close it. */
    public Exchange get(URI uri) throws IOException {
        return open(new HttpGet(uri));
    }

    /** Opens a POST of a JSON body with extra headers. The caller must close it. */
    public Exchange postJson(URI uri, String json, Map<String, String> headers) throws IOException {
        HttpPost post = new HttpPost(uri);
        headers.forEach(post::setHeader);
        post.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
        return open(post);
    }

    /** A request that has not been sent yet; {@link PendingRequest#abort} works before and during it. */
    public PendingRequest prepare(URI uri) {
        return new PendingRequest(new HttpGet(uri));
    }

    private Exchange open(HttpUriRequestBase request) throws IOException {
        return new PendingRequest(request).open();
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

    /** A GET that can be aborted from another thread while it waits for the head or the body. */
    public final class PendingRequest {
        private final HttpUriRequestBase request;

        PendingRequest(HttpUriRequestBase request) {
            this.request = request;
        }

        public Exchange open() throws IOException {
            try {
                return execute();
            } catch (NoHttpResponseException e) {
                // a pooled keep-alive connection the origin had already closed: one fresh try
                if (request.isCancelled()) {
                    throw e;
                }
                request.reset();
                return execute();
            }
        }

        private Exchange execute() throws IOException {
            try {
                return new Exchange(request, client.executeOpen(null, request, null));
            } catch (IllegalStateException e) {
                // what HttpClient throws when a request is cancelled while it connects
                if (request.isCancelled()) {
                    throw new IOException("request aborted while connecting");
                }
                throw e;
            }
        }

        /** Cancels the request: a pending connect/head or a blocked body read fails at once. */
        public void abort() {
            request.cancel();
        }
    }

    /** An open response: status, the body as it arrives, and a way to abort it. */
    public static final class Exchange implements Closeable {
        private final HttpUriRequestBase request;
        private final ClassicHttpResponse response;

        Exchange(HttpUriRequestBase request, ClassicHttpResponse response) {
            this.request = request;
            this.response = response;
        }

        public int status() {
            return response.getCode();
        }

        public String header(String name) {
            var h = response.getFirstHeader(name);
            return h == null ? null : h.getValue();
        }

        /** The raw body stream (empty for a response without a body). */
        public InputStream body() throws IOException {
            HttpEntity entity = response.getEntity();
            return entity == null ? InputStream.nullInputStream() : entity.getContent();
        }

        /** Drops the connection without reading the rest of the body. */
        public void abort() {
            request.cancel();
        }

        /**
         * Closes without draining: a response we stop reading early (an error page, an
         * over-long playlist) must not make us download the rest of it.
         */
        @Override
        public void close() {
            request.cancel();
            try {
                response.close();
            } catch (IOException e) {
                // the connection is being discarded anyway
            }
        }
    }
}

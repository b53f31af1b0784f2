package org.streamvault.editor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.streamvault.restream.ApiProcessor;
import org.streamvault.restream.HttpProblem;

/**
 * {@code GET /editor/} and {@code /editor/{file}}: the editor page, served from the jar's
 * {@code editor/} resources, and hls.js from its WebJar (no CDN). Only names made of plain
 * characters with a known extension are looked up; files are small and cached once read.
 */
public class EditorPageProcessor extends ApiProcessor {
    private static final String WEBJAR_POM = "META-INF/maven/org.webjars.npm/hls.js/pom.properties";
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js",
            "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml");

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    @Override
    protected void handle(Request request, Message response) {
        String path = request.param(Exchange.HTTP_PATH);
        if (request.param("file") == null && path != null && !path.endsWith("/")) {
            // /editor and /editor/ reach the same route; the page's relative links need the slash
            String query = request.param(Exchange.HTTP_QUERY);
            response.setHeader(Exchange.HTTP_RESPONSE_CODE, 301);
            response.setHeader("Location", "/editor/" + (query == null || query.isEmpty() ? "" : "?" + query));
            return;
        }
        String file = request.param("file");
        if (file == null || file.isEmpty()) {
            file = "index.html";
        }
        if (!file.matches("[a-z0-9][a-z0-9.-]{0,60}") || file.contains("..")) {
            throw HttpProblem.notFound("no such editor file");
        }
        String type = TYPES.get(file.substring(file.lastIndexOf('.') + 1));
        byte[] bytes = type == null ? null : cache.computeIfAbsent(file, EditorPageProcessor::load);
        if (bytes == null || bytes.length == 0) {
            throw HttpProblem.notFound("no such editor file: " + file);
        }
        response.setHeader(Exchange.CONTENT_TYPE, type);
        // The page changes with each release; the player library only with its version.
        response.setHeader("Cache-Control", file.equals("hls.min.js") ? "max-age=86400" : "no-cache");
        response.setBody(request.isHead() ? null : bytes);
    }

    private static byte[] load(String file) {
        String resource = file.equals("hls.min.js") ? "META-INF/resources/webjars/hls.js/" + hlsVersion()
                + "/dist/hls.min.js" : "editor/" + file;
        try (InputStream in = EditorPageProcessor.class.getClassLoader().getResourceAsStream(resource)) {
            // an empty array marks "absent" (computeIfAbsent does not cache null)
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hlsVersion() {
        try (InputStream in = EditorPageProcessor.class.getClassLoader().getResourceAsStream(WEBJAR_POM)) {
            if (in == null) {
                throw new IllegalStateException("the hls.js WebJar is missing from the class path");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

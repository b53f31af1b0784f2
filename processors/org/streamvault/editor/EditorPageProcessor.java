package org.streamvault.editor;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.streamvault.pages.ClassPathFiles;
import org.streamvault.restream.ApiProcessor;
import org.streamvault.restream.HttpProblem;

/**
 * {@code GET /editor/} and {@code /editor/{file}}: the editor page, served from the jar's
 * {@code editor/} resources, and hls.js from its WebJar (no CDN), through {@link ClassPathFiles}.
 */
public class EditorPageProcessor extends ApiProcessor {
    private final ClassPathFiles files = new ClassPathFiles("editor");

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
        byte[] bytes = files.bytes(file);
        if (bytes == null) {
            throw HttpProblem.notFound("no such editor file: " + file);
        }
        response.setHeader(Exchange.CONTENT_TYPE, ClassPathFiles.contentType(file));
        response.setHeader("Cache-Control", ClassPathFiles.cacheControl(file));
        response.setBody(request.isHead() ? null : bytes);
    }
}

package org.streamvault.pages;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.streamvault.restream.ApiProcessor;
import org.streamvault.restream.HttpProblem;

/** {@code GET /pages/{file}}: the pages' scripts and style from the jar, and hls.js from its WebJar. */
public class PageFileProcessor extends ApiProcessor {
    private final ClassPathFiles files = new ClassPathFiles("pages");

    @Override
    protected void handle(Request request, Message response) {
        String file = request.param("file");
        byte[] bytes = file == null ? null : files.bytes(file);
        if (bytes == null) {
            throw HttpProblem.notFound("no such page file: " + file);
        }
        response.setHeader(Exchange.CONTENT_TYPE, ClassPathFiles.contentType(file));
        response.setHeader("Cache-Control", ClassPathFiles.cacheControl(file));
        response.setBody(request.isHead() ? null : bytes);
    }
}

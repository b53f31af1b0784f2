package org.streamvault.coverage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.streamvault.restream.ApiProcessor;
import org.streamvault.restream.HttpProblem;

/**
 * {@code GET /coverage/{channel}/{quality}.png}: the map the checker last wrote. Maps are a few
 * kilobytes, so the file is read whole; it is replaced by rename, so it is never half-written.
 */
public class CoverageMapProcessor extends ApiProcessor {
    private final CoverageChecker checker;

    public CoverageMapProcessor(CoverageChecker checker) {
        this.checker = checker;
    }

    @Override
    protected void handle(Request request, Message response) {
        String channel = request.param("channel");
        String quality = request.param("quality");
        Path file = checker.mapFile(channel, quality);
        byte[] png;
        try {
            png = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw HttpProblem.notFound("no coverage map for " + channel + "/" + quality + " (yet)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        response.setHeader(Exchange.CONTENT_TYPE, "image/png");
        response.setHeader("Cache-Control", "no-cache");
        response.setBody(request.isHead() ? null : png);
    }
}

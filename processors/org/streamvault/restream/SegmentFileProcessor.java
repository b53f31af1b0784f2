package org.streamvault.restream;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.streamvault.segments.InvalidSegmentNameException;
import org.streamvault.segments.SegmentName;
import org.streamvault.segments.SegmentStore;

/**
 * {@code GET|HEAD /segments/{channel}/{quality}/{hour}/{file}}: one segment file as
 * {@code video/MP2T}, streamed from disk (never read whole), with single byte ranges.
 * Tombstoned segments and names that are not segments answer 404.
 */
public class SegmentFileProcessor extends ApiProcessor {
    private static final String TOMBSTONE = ".tombstone";
    private final SegmentStore store;

    public SegmentFileProcessor(SegmentStore store) {
        this.store = store;
    }

    @Override
    protected void handle(Request request, Message response) {
        String fileName = request.param("file");
        Path file = store.file(request.param("channel"), request.param("quality"), request.param("hour"), fileName);
        boolean tombstone = fileName.endsWith(TOMBSTONE);
        if (!tombstone) {
            try {
                SegmentName.parse(fileName);
            } catch (InvalidSegmentNameException e) {
                throw HttpProblem.notFound("no such segment: " + e.getMessage());
            }
            if (isTombstoned(file)) {
                throw HttpProblem.notFound("segment has been removed by a tombstone");
            }
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw HttpProblem.notFound("no such segment");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw HttpProblem.notFound("no such segment");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteRange range = ByteRange.parse(request.rangeHeader(), size);
        response.setHeader(Exchange.CONTENT_TYPE, tombstone ? "application/octet-stream" : "video/MP2T");
        response.setHeader("Accept-Ranges", "bytes");
        long first = 0;
        long length = size;
        if (range != null) {
            first = range.first();
            length = range.length();
            response.setHeader(Exchange.HTTP_RESPONSE_CODE, 206);
            response.setHeader("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + size);
        }
        if (request.isHead() || length == 0) {
            setRawHeader(response, "Content-Length", Long.toString(length));
            return;
        }
        if (sendFile(response, file, first, length)) {
            return;
        }
        response.setBody(open(file, first, length));
    }

    /**
     * Over HTTP/1.x, hands the file to Vert.x's {@code sendFile} (zero-copy, with a length):
     * Camel's own body pump moves 4 KB per worker round trip, which made peers copying a whole
     * hour several times slower than a file server. Vert.x marks an HTTP/1.x response written
     * before {@code sendFile} returns, so Camel then leaves it alone; HTTP/2 finishes sending
     * asynchronously, so it keeps the streamed body.
     *
     * @return false when the file must be streamed through Camel instead
     */
    private static boolean sendFile(Message response, Path file, long first, long length) {
        if (!(response instanceof HttpMessage http) || http.getResponse() == null || http.getRequest() == null
                || http.getRequest().version() == HttpVersion.HTTP_2) {
            return false;
        }
        HttpServerResponse out = http.getResponse();
        out.setStatusCode(response.getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class));
        response.getHeaders().forEach((name, value) -> {
            if (!name.startsWith("Camel") && value != null) {
                out.putHeader(name, value.toString());
            }
        });
        out.sendFile(file.toString(), first, length);
        if (!out.ended()) {
            // Vert.x refused before writing anything (the file vanished): answer through Camel
            throw HttpProblem.notFound("no such segment");
        }
        return true;
    }

    private static boolean isTombstoned(Path file) {
        String name = file.getFileName().toString();
        String bare = name.substring(0, name.length() - SegmentName.EXTENSION.length());
        return Files.exists(file.resolveSibling(name + TOMBSTONE)) || Files.exists(file.resolveSibling(bare + TOMBSTONE));
    }

    private static InputStream open(Path file, long first, long length) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(first);
            return new BoundedInputStream(Channels.newInputStream(channel), length);
        } catch (NoSuchFileException e) {
            throw HttpProblem.notFound("no such segment");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

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
import org.apache.camel.Exchange;
import org.apache.camel.Message;
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
        response.setBody(open(file, first, length));
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

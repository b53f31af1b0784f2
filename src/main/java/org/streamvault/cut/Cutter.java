package org.streamvault.cut;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes cuts (SPEC §4; see {@link CutType} for the types) as streams. Used by the restreamer's
 * {@code /cut} endpoint and by the cutter job queue; nothing here knows about HTTP or Camel.
 *
 * <p>{@link #open} returns at once: work starts with the first read and proceeds as the consumer
 * reads, so a slow consumer slows ffmpeg down instead of filling memory. Always close the stream;
 * closing early stops ffmpeg and removes temp files. Errors (ffmpeg failing, with its stderr in
 * the message) surface as {@link CutFailedException} from {@code read}.
 *
 * <p>Thread-safe; one instance serves any number of concurrent cuts.
 */
public final class Cutter {
    private final CutSettings settings;

    public Cutter(CutSettings settings) {
        this.settings = settings;
    }

    public CutSettings settings() {
        return settings;
    }

    /**
     * The cut as a stream (caller closes it).
     *
     * @throws IllegalArgumentException when the request has no segment at all, or a full re-encode
     *                                  of another type than {@code mpegts}/{@code mp4} has no encoding
     */
    public CutStream open(CutRequest request) {
        if (request.isEmpty()) {
            throw new IllegalArgumentException("no segments in the requested range");
        }
        List<List<Piece>> ranges = new ArrayList<>();
        for (CutPart part : request.parts()) {
            List<Piece> pieces = Piece.of(part);
            if (!pieces.isEmpty()) {
                ranges.add(pieces);
            }
        }
        List<CutStream.Source> sources = switch (request.type()) {
            case ROUGH -> rough(ranges);
            case FAST -> fast(ranges);
            case SMART -> List.of(cut -> smart(cut, ranges));
            case MPEGTS, MP4 -> List.of(full(ranges, encodingOf(request)));
        };
        return new CutStream(sources, settings.tempDir(), settings.killGrace());
    }

    /** Writes the whole cut to {@code out} (a file, an upload) and returns the number of bytes. */
    public long writeTo(CutRequest request, OutputStream out) throws IOException {
        try (CutStream cut = open(request)) {
            return cut.transferTo(out);
        }
    }

    private Encoding encodingOf(CutRequest request) {
        if (request.encoding() != null) {
            return request.encoding();
        }
        return request.type() == CutType.MP4 ? settings.mp4() : settings.mpegts();
    }

    /** Every selected segment whole, in order: the bytes on disk, nothing else. */
    private static List<CutStream.Source> rough(List<List<Piece>> ranges) {
        List<CutStream.Source> out = new ArrayList<>();
        for (List<Piece> pieces : ranges) {
            for (Piece p : pieces) {
                out.add(cut -> Files.newInputStream(p.segment().path()));
            }
        }
        return out;
    }

    /** Whole segments as bytes; trimmed ones streamed straight out of ffmpeg. */
    private List<CutStream.Source> fast(List<List<Piece>> ranges) {
        List<CutStream.Source> out = new ArrayList<>();
        for (List<Piece> pieces : ranges) {
            for (Piece p : pieces) {
                if (p.isWhole()) {
                    out.add(cut -> Files.newInputStream(p.segment().path()));
                } else {
                    out.add(cut -> cut.pipe(FfmpegCommands.trimSegment(settings.ffmpeg(), p, probe(cut, p), "pipe:1")));
                }
            }
        }
        return out;
    }

    /**
     * The fast-cut pieces, the trimmed ones written to temp files first, then joined by the concat
     * demuxer (stream copy) which rewrites timestamps to run on through every join.
     */
    private InputStream smart(CutStream cut, List<List<Piece>> ranges) throws IOException {
        List<Path> files = new ArrayList<>();
        int edge = 0;
        for (List<Piece> pieces : ranges) {
            for (Piece p : pieces) {
                if (p.isWhole()) {
                    files.add(p.segment().path());
                } else {
                    Path trimmed = cut.tempDir().resolve("edge-" + edge++ + ".ts");
                    cut.run(FfmpegCommands.trimSegment(settings.ffmpeg(), p, probe(cut, p),
                            FfmpegCommands.input(trimmed)), null);
                    files.add(trimmed);
                }
            }
        }
        Path list = Files.writeString(cut.tempDir().resolve("smart.ffconcat"), FfmpegCommands.concatList(files));
        return cut.pipe(FfmpegCommands.concatCopy(settings.ffmpeg(), list));
    }

    /** The whole range re-encoded: streamed, or spooled to a temp file when the muxer must seek. */
    private CutStream.Source full(List<List<Piece>> ranges, Encoding encoding) {
        return cut -> {
            MediaStreams streams = probe(cut, ranges.get(0).get(0));
            if (!streams.has("video")) {
                throw new CutFailedException("the first segment has no video stream to re-encode");
            }
            List<Path> lists = new ArrayList<>();
            List<long[]> trims = new ArrayList<>();
            for (List<Piece> pieces : ranges) {
                List<Path> files = pieces.stream().map(p -> p.segment().path()).toList();
                lists.add(Files.writeString(cut.tempDir().resolve("range-" + lists.size() + ".ffconcat"),
                        FfmpegCommands.concatList(files)));
                long kept = pieces.stream().mapToLong(Piece::keptMicros).sum();
                trims.add(new long[] {pieces.get(0).fromMicros(), kept});
            }
            boolean audio = streams.has("audio");
            if (!encoding.needsSeekableOutput()) {
                return cut.pipe(FfmpegCommands.fullEncode(settings.ffmpeg(), lists, trims, audio, encoding, "pipe:1"));
            }
            Path spool = cut.tempDir().resolve("spool." + encoding.muxer());
            cut.run(FfmpegCommands.fullEncode(settings.ffmpeg(), lists, trims, audio, encoding,
                    FfmpegCommands.input(spool)), null);
            return Files.newInputStream(spool);
        };
    }

    private MediaStreams probe(CutStream cut, Piece piece) throws IOException {
        return MediaStreams.parse(cut.capture(FfmpegCommands.probeStreams(settings.ffprobe(), piece.segment().path())));
    }
}

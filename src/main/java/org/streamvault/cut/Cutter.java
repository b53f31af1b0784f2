package org.streamvault.cut;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.streamvault.segments.BestSegments;
import org.streamvault.segments.InvalidSegmentNameException;
import org.streamvault.segments.Segment;
import org.streamvault.segments.SegmentName;
import org.streamvault.segments.Timestamps;

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
    /**
     * Where a fast or smart cut's timeline starts, 1.4 s as in ffmpeg's own MPEG-TS output: room
     * before the first frame for B-frame decode times and AAC priming, which must not go negative.
     */
    static final long START_TICKS = 126_000;

    private final CutSettings settings;
    private final FileEncoder spoolEncoder;

    public Cutter(CutSettings settings) {
        this(settings, null);
    }

    private Cutter(CutSettings settings, FileEncoder spoolEncoder) {
        this.settings = settings;
        this.spoolEncoder = spoolEncoder;
    }

    /**
     * This cutter, its spooled encodes (a full re-encode whose muxer must seek, mp4) run by
     * {@code encoder} instead of a child process of the cut. Closing such a cut while the encode
     * runs cannot signal that ffmpeg, but it removes the cut's temp directory, which holds the
     * encode's FIFO inputs and its output, and ffmpeg fails within a second or so
     * ({@code SpooledEncodeStopTest}); the encoder's own timeout bounds the rest. A cut whose
     * consumer may leave early (an HTTP client) uses the plain cutter all the same, whose ffmpegs
     * are stopped directly.
     */
    public Cutter withSpoolEncoder(FileEncoder encoder) {
        return new Cutter(settings, encoder);
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
        List<List<List<Piece>>> ranges = new ArrayList<>();
        for (CutPart part : request.parts()) {
            ranges.add(Piece.contiguous(part));
        }
        checkRecordedLength(request, ranges);
        return switch (request.type()) {
            case ROUGH -> CutStream.ofWholeFiles(rough(ranges), settings);
            case FAST -> stream(cut -> cut.sequence(fast(cut, plan(cut, ranges, request))));
            case SMART -> stream(cut -> smart(cut, plan(cut, ranges, request)));
            case MPEGTS, MP4 -> stream(full(ranges, request, encodingOf(request)));
        };
    }

    private CutStream stream(CutStream.Source made) {
        return new CutStream(List.of(made), settings);
    }

    /**
     * A range with holes may hold less recording than its transitions need (the request only
     * checked the range's length).
     */
    private static void checkRecordedLength(CutRequest request, List<List<List<Piece>>> ranges) {
        for (int i = 0; i < ranges.size(); i++) {
            long need = (request.before(i) == null ? 0 : request.before(i).durationMicros())
                    + (request.after(i) == null ? 0 : request.after(i).durationMicros());
            if (need == 0) {
                continue;
            }
            long recorded = ranges.get(i).stream().flatMap(List::stream).mapToLong(Piece::keptMicros).sum();
            if (recorded < need) {
                throw new IllegalArgumentException("range " + (i + 1) + " holds only " + FfmpegCommands.seconds(recorded)
                        + " s of recording (holes), less than its transitions (" + FfmpegCommands.seconds(need) + " s)");
            }
        }
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
    private static List<Path> rough(List<List<List<Piece>>> ranges) {
        List<Path> out = new ArrayList<>();
        for (List<List<Piece>> groups : ranges) {
            for (List<Piece> pieces : groups) {
                for (Piece p : pieces) {
                    out.add(p.segment().path());
                }
            }
        }
        return out;
    }

    /**
     * Whole segments copied as bytes, the edges of each run re-encoded on the source clock, and
     * every packet re-timed ({@link MpegTs.Retimer}) by its run's offset, so the runs follow each
     * other without a gap and the cut starts at {@link #START_TICKS}. Around a transition the
     * pieces it spans ({@link TransitionBlocks}) are re-encoded together instead, blended, on a
     * clock of their own that is re-timed into place. The first piece, when it is an edge, streams
     * out of its ffmpeg; the later encodes run ahead, one after the other on a thread of their own,
     * into temp files, so the end of an hour-long cut does not wait for its last edge's encode.
     */
    private List<CutStream.Source> fast(CutStream cut, CutPlan plan) throws CutFailedException {
        List<Run> runs = plan.runs();
        boolean[][] blocks = TransitionBlocks.marks(plan);
        long[] offsets = plan.offsets(START_TICKS);
        MpegTs.Retimer retimer = new MpegTs.Retimer();
        List<CutStream.Source> out = new ArrayList<>();
        List<Runnable> ahead = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            Run run = runs.get(r);
            long offset = offsets[r];
            for (int i = 0; i < run.pieces().size(); i++) {
                Piece p = run.pieces().get(i);
                if (blocks[r][i]) {
                    if (TransitionBlocks.startsAt(blocks, r, i)) {
                        List<TransitionBlocks.Share> block = TransitionBlocks.at(blocks, r, i);
                        long blockOffset = offset + run.pieceStart(i) - START_TICKS;
                        Piece first = run.pieces().get(i);
                        out.add(encodedAhead(cut, ahead, retimer, blockOffset, file -> TransitionBlocks.command(
                                settings.ffmpeg(), plan, block, probe(cut, first), START_TICKS, file)));
                    }
                    continue;
                }
                long from = i == 0 ? run.trimStart() : -1;
                long to = i == run.pieces().size() - 1 ? run.trimEnd() : -1;
                if (from < 0 && to < 0) {
                    out.add(c -> new MpegTs.RetimedStream(Files.newInputStream(p.segment().path()), retimer, offset));
                } else if (out.isEmpty()) {
                    out.add(c -> new MpegTs.RetimedStream(c.pipe(FfmpegCommands.trimEdge(settings.ffmpeg(),
                            edgeInput(run, p, to), probe(c, p), from, to, run.reorderFrames(), "pipe:1")), retimer, offset));
                } else {
                    out.add(encodedAhead(cut, ahead, retimer, offset, file -> FfmpegCommands.trimEdge(settings.ffmpeg(),
                            edgeInput(run, p, to), probe(cut, p), from, to, run.reorderFrames(), FfmpegCommands.input(file))));
                }
            }
        }
        if (!ahead.isEmpty()) {
            Thread.ofVirtual().name("cut-edges-ahead").start(() -> ahead.forEach(Runnable::run));
        }
        return out;
    }

    /** An ffmpeg command writing MPEG-TS to a temp file. */
    private interface EncodeCommand {
        List<String> writing(Path file) throws IOException;
    }

    /** A source read from a temp file that {@code command} writes, queued on {@code ahead}; re-timed by {@code offset}. */
    private static CutStream.Source encodedAhead(CutStream cut, List<Runnable> ahead, MpegTs.Retimer retimer, long offset,
            EncodeCommand command) {
        CompletableFuture<Path> encoded = new CompletableFuture<>();
        int n = ahead.size();
        ahead.add(() -> {
            try {
                Path file = cut.tempDir().resolve("edge-" + n + ".ts");
                cut.run(command.writing(file), null);
                encoded.complete(file);
            } catch (IOException | RuntimeException e) {
                encoded.completeExceptionally(e);
            }
        });
        return c -> new MpegTs.RetimedStream(Files.newInputStream(await(encoded)), retimer, offset);
    }

    /**
     * What an edge encode reads: the piece's segment, followed by the run's {@link Run#follower}
     * when this is the run's end and it has one (the audio of the end's last milliseconds is there).
     */
    private static String edgeInput(Run run, Piece p, long to) {
        if (to >= 0 && run.follower() != null && p == run.pieces().get(run.pieces().size() - 1)) {
            return FfmpegCommands.concat(List.of(p.segment().path(), run.follower().path()));
        }
        return FfmpegCommands.input(p.segment().path());
    }

    private static Path await(CompletableFuture<Path> encoded) throws IOException {
        try {
            return encoded.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for an edge encode");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new CutFailedException("edge encode failed: " + e.getCause(), e.getCause());
        }
    }

    /** The fast cut, put through one ffmpeg stream copy: fresh MPEG-TS packetizing around the same timeline. */
    private InputStream smart(CutStream cut, CutPlan plan) throws IOException {
        return cut.pipe(FfmpegCommands.remuxCopy(settings.ffmpeg()), () -> cut.sequence(fast(cut, plan)));
    }

    /** The whole range re-encoded: streamed, or spooled to a temp file when the muxer must seek. */
    private CutStream.Source full(List<List<List<Piece>>> ranges, CutRequest request, Encoding encoding) {
        return cut -> {
            CutPlan plan = plan(cut, ranges, request);
            List<Run> runs = plan.runs();
            MediaStreams streams = probe(cut, runs.get(0).pieces().get(0));
            boolean video = streams.has("video");
            boolean audio = streams.has("audio");
            if (!video && !audio) {
                throw new CutFailedException("the first segment has neither video nor audio to re-encode");
            }
            List<Path> inputs = new ArrayList<>();
            List<long[]> windows = new ArrayList<>();
            for (Run run : runs) {
                List<CutStream.Source> files = new ArrayList<>(run.pieces().stream()
                        .<CutStream.Source>map(p -> c -> Files.newInputStream(p.segment().path())).toList());
                if (run.follower() != null) {
                    files.add(c -> Files.newInputStream(run.follower().path()));
                }
                inputs.add(cut.fifo("run-" + inputs.size() + ".ts", () -> cut.sequence(files)));
                windows.add(new long[] {run.startPts(), run.endPts()});
            }
            if (!encoding.needsSeekableOutput()) {
                InputStream encoded = cut.pipe(FfmpegCommands.fullEncode(settings.ffmpeg(), inputs, windows, plan.joins(),
                        video, audio, encoding, "pipe:1"));
                return new FilterInputStream(encoded) {
                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = super.read(b, off, len);
                        if (n < 0) {
                            cut.checkFeeders();
                        }
                        return n;
                    }
                };
            }
            Path spool = cut.tempDir().resolve("spool." + encoding.muxer());
            List<String> command = FfmpegCommands.fullEncode(settings.ffmpeg(), inputs, windows, plan.joins(), video,
                    audio, encoding, FfmpegCommands.input(spool));
            try {
                if (spoolEncoder == null) {
                    cut.run(command, null);
                } else {
                    spoolEncoder.encode(settings.launched(command), spool);
                }
            } finally {
                cut.checkFeeders();
            }
            return Files.newInputStream(spool);
        };
    }

    /** The cut's runs and joins ({@link CutPlan#of}), the frame length probed once on the first segment. */
    private CutPlan plan(CutStream cut, List<List<List<Piece>>> ranges, CutRequest request) throws IOException {
        long[] frame = {-1};
        return CutPlan.of(ranges, request, p -> {
            if (frame[0] < 0) {
                frame[0] = probe(cut, p).frameTicks();
            }
            return frame[0];
        });
    }

    /**
     * The segment on disk that starts where {@code last} ends (within the selection's tolerance),
     * the best of them when there are several, from {@code last}'s hour or the next; null when
     * there is none (a hole, the end of the recording). A cut's selection stops at its range's end,
     * so a range ending on a boundary does not include it.
     */
    static Segment follower(Segment last) throws IOException {
        long end = last.endMicros();
        long hour = last.startMicros() - last.name().offsetMicros();
        List<Segment> candidates = new ArrayList<>();
        for (long h : new long[] {hour, hour + Timestamps.MICROS_PER_HOUR}) {
            String name = Timestamps.formatHour(h);
            Path dir = last.hourDir().resolveSibling(name);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SegmentName.EXTENSION)) {
                for (Path f : files) {
                    SegmentName parsed;
                    try {
                        parsed = SegmentName.parse(f.getFileName().toString());
                    } catch (InvalidSegmentNameException e) {
                        continue;
                    }
                    Segment s = new Segment(dir, name, h, parsed);
                    if (Math.abs(s.startMicros() - end) <= BestSegments.TOLERANCE_MICROS) {
                        candidates.add(s);
                    }
                }
            }
        }
        List<Segment> best = BestSegments.bestPerStart(candidates);
        return best.isEmpty() ? null : best.get(0);
    }

    private MediaStreams probe(CutStream cut, Piece piece) throws IOException {
        return MediaStreams.parse(cut.capture(FfmpegCommands.probeStreams(settings.ffprobe(), piece.segment().path())));
    }
}

package org.streamvault.cut;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.streamvault.segments.Segment;

/**
 * A stretch of a cut that the source recorded in one go: consecutive pieces with no hole between
 * them and no break in the stream's own timestamps. Inside a run the timestamps of the segments
 * are trusted as they are (that is what keeps every frame once and the audio continuous); between
 * runs the cut re-times, so each run starts where the previous one ended.
 *
 * @param pieces      in order; only the first may start late, only the last may end early
 * @param firstPts    per piece, the PTS of its segment's first video frame (audio-only: first audio packet)
 * @param startPts    the source PTS where the run's kept part starts (90 kHz, 33-bit), on the frame grid
 * @param lengthTicks how long the kept part lasts, in 90 kHz ticks: a whole number of frames
 * @param reorderFrames how many frames the source's decode times run ahead of its presentation
 *                      times (0 without B-frames, 2 for x264's defaults): re-encoded edges must
 *                      have the same, or decode times would step back at a join
 * @param follower    the segment the stream goes on into right after the run, when the run ends on
 *                    its last segment's end (else null): the audio of the run's last few
 *                    milliseconds is muxed at the start of that segment, ahead of its first frame
 */
record Run(List<Piece> pieces, List<Long> firstPts, long startPts, long lengthTicks, int reorderFrames,
        Segment follower) {

    /** How long one frame of a segment lasts in 90 kHz ticks (video frame, or audio frame without video). */
    interface FrameLength {
        long ticks(Piece piece) throws IOException;
    }

    /**
     * Timestamps of consecutive segments may differ from their names by this much before the
     * second is taken as a restart of the stream (names are rounded, clocks drift a little; a
     * restart resets or jumps by far more).
     */
    static final long DISCONTINUITY_TICKS = MpegTs.CLOCK / 2;

    /** Where the kept part ends, on the source clock (not wrapped). */
    long endPts() {
        return startPts + lengthTicks;
    }

    /**
     * Where piece {@code i}'s kept part starts on the run's clock (not wrapped): the run's start
     * for the first, else its segment's first frame.
     */
    long pieceStart(int i) {
        if (i == 0) {
            return startPts;
        }
        long first = firstPts.get(0);
        return first + MpegTs.delta(first, firstPts.get(i));
    }

    /** Where piece {@code i}'s kept part ends: the next piece's start, the run's end for the last. */
    long pieceEnd(int i) {
        return i == pieces.size() - 1 ? endPts() : pieceStart(i + 1);
    }

    /**
     * Where the first piece is trimmed to start: always, even on its segment's start, since a
     * segment begins with audio muxed ahead of its first video frame (it belongs before the run).
     */
    long trimStart() {
        return startPts;
    }

    /**
     * Where the last piece is trimmed to end, when it ends early or the run has a
     * {@link #follower} to take the audio of its end from; else -1 (copied whole).
     */
    long trimEnd() {
        Piece p = pieces.get(pieces.size() - 1);
        return p.toMicros() < p.segment().durationMicros() || follower != null ? endPts() : -1;
    }

    /** Whether the run ends on its last segment's end (not inside it). */
    boolean endsOnBoundary() {
        Piece p = pieces.get(pieces.size() - 1);
        return p.toMicros() >= p.segment().durationMicros();
    }

    /**
     * This run with {@code next} as its {@link #follower} when {@code stamps} (its first PTS/DTS)
     * continue the run's last segment without a break; else this run unchanged.
     */
    Run withFollower(Segment next, long[] stamps) {
        Piece last = pieces.get(pieces.size() - 1);
        long expected = MpegTs.ticks(next.startMicros() - last.segment().startMicros());
        long actual = MpegTs.delta(firstPts.get(firstPts.size() - 1), stamps[0]);
        if (Math.abs(actual - expected) > DISCONTINUITY_TICKS) {
            return this;
        }
        return new Run(pieces, firstPts, startPts, lengthTicks, reorderFrames, next);
    }

    /**
     * Splits contiguous groups of pieces (see {@link Piece#contiguous}) into runs, reading each
     * segment's first timestamp from its file: where a segment's timestamp is not where the
     * previous one's plus the time between their starts puts it, the stream restarted.
     *
     * @throws CutFailedException when a segment has no audio or video timestamp at all
     */
    static List<Run> plan(List<List<Piece>> groups, FrameLength frames) throws IOException {
        List<Run> out = new ArrayList<>();
        for (List<Piece> group : groups) {
            List<Piece> pieces = new ArrayList<>();
            List<Long> pts = new ArrayList<>();
            long reorder = 0;
            for (Piece piece : group) {
                long[] stamps = MpegTs.firstTimestamps(piece.segment().path());
                if (stamps == null) {
                    throw new CutFailedException("segment " + piece.segment().path().getFileName()
                            + " holds no MPEG-TS audio or video (Invalid data)");
                }
                if (!pieces.isEmpty()) {
                    Piece previous = pieces.get(pieces.size() - 1);
                    long expected = MpegTs.ticks(piece.segment().startMicros() - previous.segment().startMicros());
                    long actual = MpegTs.delta(pts.get(pts.size() - 1), stamps[0]);
                    if (Math.abs(actual - expected) > DISCONTINUITY_TICKS) {
                        out.add(of(pieces, pts, frames.ticks(pieces.get(0)), reorder));
                        pieces = new ArrayList<>();
                        pts = new ArrayList<>();
                    }
                }
                if (pieces.isEmpty()) {
                    reorder = MpegTs.delta(stamps[1], stamps[0]);
                }
                pieces.add(piece);
                pts.add(stamps[0]);
            }
            out.add(of(pieces, pts, frames.ticks(pieces.get(0)), reorder));
        }
        return out;
    }

    /**
     * The run's window, both ends moved up to the next frame of the segment they fall in: the same
     * frames are kept (a frame is kept when it starts inside the window), and the length is
     * whole frames, so the next run can start exactly where this one's last frame ends.
     */
    private static Run of(List<Piece> pieces, List<Long> pts, long frame, long reorderTicks) {
        Piece first = pieces.get(0);
        Piece last = pieces.get(pieces.size() - 1);
        long start = pts.get(0) + onGrid(MpegTs.ticks(first.fromMicros()), frame);
        long end = pts.get(0) + MpegTs.delta(pts.get(0), pts.get(pts.size() - 1))
                + onGrid(MpegTs.ticks(last.toMicros()), frame);
        int reorder = frame <= 0 ? 0 : (int) Math.round((double) reorderTicks / frame);
        return new Run(List.copyOf(pieces), List.copyOf(pts), start, end - start, Math.max(0, reorder), null);
    }

    private static long onGrid(long ticks, long frame) {
        return frame <= 0 ? ticks : Math.ceilDiv(ticks, frame) * frame;
    }
}

package org.streamvault.download;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamvault.events.EventType;
import org.streamvault.events.NodeEvent;
import org.streamvault.hls.MediaSegment;
import org.streamvault.segments.SegmentType;

/**
 * Fetches one segment URI until a {@code full} copy is saved, the origin answers 403/404 (the
 * URL expired), the give-up time passes, or the node stops.
 *
 * <p>Each attempt streams the body into a {@link TempSegment} while hashing it. A watchdog
 * gives every attempt two deadlines for its response head and two for its whole body, counted
 * from the request start: at the soft one a parallel attempt starts (the first to finish
 * {@code full} wins and the others are dropped), at the hard one the attempt is aborted.
 * Outcomes follow SPEC §1: a clean, timely transfer is {@code full}; a clean one slower than the
 * suspect threshold, or of 0 bytes, is {@code suspect}; one that broke after bytes arrived is
 * {@code partial}. A transfer that was aborted is never {@code full}, whatever the stream said.
 */
public final class SegmentFetcher {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentFetcher.class);
    /** A bug here would repeat for every segment: its stack trace once, then one line a minute. */
    private static final org.streamvault.segments.FailureLog UNEXPECTED = new org.streamvault.segments.FailureLog(LOG, 60_000);
    private static final int MAX_PARALLEL = 3;
    private static final String SUPERSEDED = "another attempt saved it";

    private final StreamContext ctx;
    private final MediaSegment segment;
    private final boolean forceSuspect;
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    /** The best type any attempt saved so far; read by the fetching thread only. */
    private SegmentType saved;

    /** @param forceSuspect save even a clean copy as suspect (timestamps skewed: its time is doubtful) */
    SegmentFetcher(StreamContext ctx, MediaSegment segment, boolean forceSuspect) {
        this.ctx = ctx;
        this.segment = segment;
        this.forceSuspect = forceSuspect;
    }

    /** The segment's URI. */
    public URI uri() {
        return segment.uri();
    }

    /**
     * Fetches until done (on the caller's thread; parallel attempts on the downloader's virtual
     * threads) and returns the best type saved, or {@code null} if nothing was saved (gave up,
     * expired, node stopping). Never throws.
     */
    public SegmentType fetch() {
        if (ctx.stopped.get()) {
            return null;
        }
        try {
            return fetchUntilDone();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the node is stopping: no new attempts
        } catch (RuntimeException e) {
            UNEXPECTED.unexpected(ctx.name + ": fetcher for " + segment.uri() + " failed unexpectedly", e);
        }
        return saved;
    }

    private SegmentType fetchUntilDone() throws InterruptedException {
        long giveUpAt = System.nanoTime() + ctx.settings.giveUpAfter().toNanos();
        List<Attempt> running = new ArrayList<>();
        boolean finished = false;
        boolean lastFailed = false;
        int failures = 0;
        while (true) {
            if (running.isEmpty()) {
                if (finished || ctx.stopped.get() || System.nanoTime() - giveUpAt >= 0) {
                    if (!finished && !ctx.stopped.get()) {
                        LOG.warn("{}: gave up on {} after {}", ctx.name, segment.uri(), ctx.settings.giveUpAfter());
                    }
                    return saved;
                }
                if (lastFailed && !ctx.pause(pause(++failures))) {
                    return saved;
                }
                running.add(launch());
            }
            Object event = events.take();
            if (event instanceof Attempt soft) {
                if (!finished && running.contains(soft) && running.size() < MAX_PARALLEL && !ctx.stopped.get()
                        && System.nanoTime() - giveUpAt < 0) {
                    LOG.info("{}: {} is slow ({}), starting a parallel attempt", ctx.name, segment.uri(), soft.slowReason);
                    running.add(launch());
                }
            } else if (event instanceof Result r) {
                running.remove(r.attempt);
                if (r.type != null && (saved == null || r.type.compareTo(saved) < 0)) {
                    saved = r.type; // the enum lists full, suspect, partial: best first
                }
                // anything short of the best copy obtainable is retried, after a pause
                lastFailed = r.type != SegmentType.FULL;
                // a skewed segment can never be more than suspect: a clean copy is the best there is
                boolean best = r.type == SegmentType.FULL || (forceSuspect && r.type == SegmentType.SUSPECT
                        && !r.attempt.slow);
                if (best) {
                    for (Attempt other : running) {
                        other.abort(SUPERSEDED);
                    }
                }
                // an expired URL gets no new attempts, but one already streaming may still finish
                finished |= best || r.expired;
            }
        }
    }

    /**
     * The pause before retry number {@code n}: doubling from a second (or the poll interval, if
     * shorter) up to 16 times that, so a segment that keeps coming back empty or slow is not
     * hammered for the whole give-up time.
     */
    private long pause(int n) {
        long base = Math.min(1000, ctx.settings.pollInterval().toMillis());
        return base << Math.min(n - 1, 4);
    }

    private Attempt launch() {
        Attempt a = new Attempt();
        ctx.threads.execute(() -> {
            Result r;
            try {
                r = a.run();
            } catch (RuntimeException e) {
                // still report, or this fetcher would wait for the attempt (and hold its slot) forever
                UNEXPECTED.unexpected(ctx.name + ": attempt on " + segment.uri() + " failed unexpectedly", e);
                r = new Result(a, null, false);
            }
            events.add(r);
        });
        return a;
    }

    /** What one attempt ended with: the saved type (null if nothing saved) and whether the URL expired. */
    private record Result(Attempt attempt, SegmentType type, boolean expired) {
    }

    /** One HTTP request for the segment, watched by soft and hard deadlines. */
    final class Attempt {
        private final OriginClient.PendingRequest request = ctx.client.prepare(segment.uri());
        private final List<ScheduledFuture<?>> deadlines = new ArrayList<>(4);
        private volatile boolean headReceived;
        private volatile boolean done;
        private volatile String abortReason;
        private volatile String slowReason;
        /** The transfer itself took longer than the suspect threshold. */
        private volatile boolean slow;

        void abort(String reason) {
            if (abortReason == null) {
                abortReason = reason;
            }
            request.abort();
        }

        private Result run() {
            long start = System.nanoTime();
            ctx.inFlight.add(this);
            if (ctx.stopped.get()) {
                abort("node stopping");
            }
            watch();
            try (OriginClient.Exchange ex = request.open()) {
                headReceived = true;
                int status = ex.status();
                if (status == 403 || status == 404) {
                    LOG.info("{}: {} answered {}, not retrying", ctx.name, segment.uri(), status);
                    return new Result(this, null, true);
                }
                if (status != 200) {
                    ctx.metrics.error("segment");
                    LOG.warn("{}: {} answered HTTP {}", ctx.name, segment.uri(), status);
                    return new Result(this, null, false);
                }
                return new Result(this, save(ex, start), false);
            } catch (IOException e) {
                if (!SUPERSEDED.equals(abortReason)) {
                    ctx.metrics.error("segment");
                    LOG.warn("{}: fetching {} failed: {}", ctx.name, segment.uri(),
                            abortReason != null ? abortReason : e.toString());
                }
                return new Result(this, null, false);
            } finally {
                done = true;
                deadlines.forEach(f -> f.cancel(false));
                ctx.inFlight.remove(this);
            }
        }

        private SegmentType save(OriginClient.Exchange ex, long start) throws IOException {
            byte[] init = segment.mapUri() == null ? null : ctx.initSections.get(segment.mapUri());
            TempSegment temp = TempSegment.create(ctx.qualityDir, segment.startMicros(), segment.durationText());
            int initBytes = init == null ? 0 : init.length;
            try {
                if (init != null) {
                    temp.write(init, 0, init.length);
                }
                temp.transferFrom(ex.body());
                if (abortReason != null) {
                    throw new IOException(abortReason);
                }
            } catch (IOException | RuntimeException e) {
                long bodyBytes = temp.bytes() - initBytes;
                if (bodyBytes > 0 && !SUPERSEDED.equals(abortReason)) {
                    record(temp, temp.finish(SegmentType.PARTIAL), SegmentType.PARTIAL, start);
                    LOG.warn("{}: {} broke after {} bytes ({}); kept as partial", ctx.name, segment.uri(), bodyBytes,
                            abortReason != null ? abortReason : e.toString());
                    return SegmentType.PARTIAL;
                }
                temp.discard();
                throw e;
            }
            long bodyBytes = temp.bytes() - initBytes;
            long elapsed = System.nanoTime() - start;
            slow = elapsed > ctx.settings.suspectAfter().toNanos();
            SegmentType type = bodyBytes == 0 || forceSuspect || elapsed > ctx.settings.suspectAfter().toNanos()
                    ? SegmentType.SUSPECT : SegmentType.FULL;
            record(temp, temp.finish(type), type, start);
            if (type == SegmentType.FULL) {
                ctx.fullCopies.saved(segment.startMicros(), segment.durationText());
            }
            if (type != SegmentType.FULL && temp.created()) {
                LOG.info("{}: {} saved as suspect ({} bytes in {} ms{})", ctx.name, segment.uri(), bodyBytes,
                        elapsed / 1_000_000, forceSuspect ? ", timestamps skewed" : "");
            }
            return type;
        }

        /** Counts a saved file once: a retry that produced the same bytes adds nothing to the store. */
        private void record(TempSegment temp, java.nio.file.Path saved, SegmentType type, long start) {
            if (!temp.created()) {
                return;
            }
            ctx.metrics.segmentSaved(type, segment.durationMicros(), segment.endMicros(), System.nanoTime() - start);
            ctx.events.publish(NodeEvent.of(EventType.SEGMENT_SAVED, "channel", ctx.channel, "quality", ctx.quality,
                    "type", type.text(),
                    "hour", saved.getParent().getFileName().toString(), "name", saved.getFileName().toString(),
                    "path", saved.toString(), "startMicros", segment.startMicros(),
                    "durationMicros", segment.durationMicros()));
        }

        private void watch() {
            DownloaderSettings s = ctx.settings;
            deadlines.add(schedule(s.headSoft().toNanos(), () -> {
                if (!headReceived) {
                    soft("no response head after " + s.headSoft());
                }
            }));
            deadlines.add(schedule(s.headHard().toNanos(), () -> {
                if (!headReceived) {
                    abort("no response head after " + s.headHard());
                }
            }));
            deadlines.add(schedule(s.bodySoft().toNanos(), () -> soft("body not finished after " + s.bodySoft())));
            deadlines.add(schedule(s.bodyHard().toNanos(), () -> abort("body not finished after " + s.bodyHard())));
        }

        private void soft(String reason) {
            if (!done && slowReason == null) {
                slowReason = reason;
                events.add(this);
            }
        }

        private ScheduledFuture<?> schedule(long nanos, Runnable action) {
            return ctx.timers.schedule(() -> {
                if (!done) {
                    action.run();
                }
            }, nanos, TimeUnit.NANOSECONDS);
        }
    }
}

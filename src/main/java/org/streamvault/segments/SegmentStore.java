package org.streamvault.segments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The segment store on disk: {@code <base-dir>/<channel>/<quality>/<hour>/<name>.ts}.
 *
 * <p>Listings of hour directories are cached. An entry is reused while the directory's
 * modification time is unchanged and the listing began at least {@link #RACY_MARGIN_MILLIS}
 * after that time: a file added in the same clock tick as an earlier change would not move the
 * modification time, so a listing taken that close to a change is never trusted (the same rule
 * git uses for "racily clean" index entries). Segment files are written under a temp name and
 * renamed into place, so a name, once listed, always has the same bytes.
 *
 * <p>Every name passed in is checked: hidden names, separators, NUL and {@code ..} are refused
 * with {@link StorePathException}, so nothing outside the base directory is ever read.
 */
public final class SegmentStore {
    static final long RACY_MARGIN_MILLIS = 1_000;

    /** How many hours a selection with holes allowed reads ahead of its walk (see {@link ReadAhead}). */
    static final int READ_AHEAD = 6;

    /**
     * Reads hours ahead for every store: mostly waiting on the disk, so more threads than cores;
     * daemon threads that end when idle.
     */
    private static final ExecutorService READERS;

    static {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(READ_AHEAD, READ_AHEAD, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "segment-store-reader-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        READERS = pool;
    }

    /**
     * Directories under the base directory that are not channels: the coverage checker writes
     * its maps to {@code <base-dir>/coverage-maps/} (the layout wubloader operators know), so
     * that name is never listed or served as a channel.
     */
    public static final java.util.Set<String> RESERVED_NAMES = java.util.Set.of("coverage-maps");

    private final Path baseDir;
    private final ConcurrentHashMap<Path, CachedHour> cache = new ConcurrentHashMap<>();
    private volatile SelectionInterceptor interceptor = SelectionInterceptor.NONE;

    private record CachedHour(long modifiedMillis, long listedAtMillis, HourListing listing) {
    }

    public SegmentStore(Path baseDir) {
        this.baseDir = baseDir.toAbsolutePath().normalize();
    }

    public Path baseDir() {
        return baseDir;
    }

    /** Wraps every later {@link #select} call (metrics time it this way). */
    public void setSelectionInterceptor(SelectionInterceptor interceptor) {
        this.interceptor = interceptor == null ? SelectionInterceptor.NONE : interceptor;
    }

    /** Channel directories (non-hidden, not {@link #RESERVED_NAMES}), sorted; empty if no base directory. */
    public List<String> channels() {
        List<String> names = new ArrayList<>(subdirectories(baseDir));
        names.removeAll(RESERVED_NAMES);
        return names;
    }

    /** Quality directories of a channel, sorted; empty if the channel is unknown. */
    public List<String> qualities(String channel) {
        return subdirectories(dir(channel));
    }

    /** Hour directories of a channel/quality (any non-hidden name, as peers list them), sorted. */
    public List<String> hours(String channel, String quality) {
        return subdirectories(dir(channel, quality));
    }

    /** True when the channel directory exists. */
    public boolean hasChannel(String channel) {
        return Files.isDirectory(dir(channel));
    }

    /** True when the channel/quality directory exists. */
    public boolean hasQuality(String channel, String quality) {
        return Files.isDirectory(dir(channel, quality));
    }

    /** The hour directories whose names are valid hours, as start instants, sorted. */
    public List<Long> hourStarts(String channel, String quality) {
        List<Long> starts = new ArrayList<>();
        for (String hour : hours(channel, quality)) {
            try {
                starts.add(Timestamps.parseHour(hour));
            } catch (InvalidSegmentNameException e) {
                // not an hour directory; peers may keep other things here
            }
        }
        Collections.sort(starts);
        return starts;
    }

    /** The listing of one hour (cached); empty if the directory does not exist. */
    public HourListing hour(String channel, String quality, String hour) {
        return hour(dir(channel, quality, hour), hour, hourStartOrMinus(hour));
    }

    /**
     * The listing of one hour as last read (by {@link #select} or {@link #hour}), without
     * looking at the directory again; null when it has not been read. Callers that hold
     * segments of a selection use it to find the listing those segments came from: unless
     * another request read the hour again in between, it is that very listing.
     */
    public HourListing lastListing(String channel, String quality, String hour) {
        CachedHour cached = cache.get(dir(channel, quality, hour));
        return cached == null ? null : cached.listing;
    }

    /** The file for a name in an hour directory (the name is checked, the file may not exist). */
    public Path file(String channel, String quality, String hour, String fileName) {
        return dir(channel, quality, hour, fileName);
    }

    /**
     * Best-segment selection (see {@link BestSegments}) over this store for
     * {@code [startMicros, endMicros)}. Hours are read from the hour before the start's hour to
     * the end's hour: lazily when {@code allowHoles} is false, so a fail-fast stops reading;
     * otherwise a few hours ahead of the walk, in parallel ({@link ReadAhead}).
     */
    public Selection select(String channel, String quality, long startMicros, long endMicros, boolean allowHoles)
            throws ContainsHolesException {
        Path qualityDir = dir(channel, quality);
        long first = Timestamps.truncateToHour(startMicros) - Timestamps.MICROS_PER_HOUR;
        long last = Timestamps.truncateToHour(endMicros);
        Iterable<List<Segment>> hours = allowHoles ? () -> new ReadAhead(qualityDir, first, last) : () -> new Iterator<>() {
            long next = first;

            @Override
            public boolean hasNext() {
                return next <= last;
            }

            @Override
            public List<Segment> next() {
                if (next > last) {
                    throw new NoSuchElementException();
                }
                String name = Timestamps.formatHour(next);
                List<Segment> best = hour(qualityDir.resolve(name), name, next).best();
                next += Timestamps.MICROS_PER_HOUR;
                return best;
            }
        };
        return interceptor.around(channel, quality,
                () -> BestSegments.select(hours, startMicros, endMicros, allowHoles));
    }

    /**
     * The hours of a selection that may have holes (so it reads to the end of the range), each
     * read up to {@link #READ_AHEAD} hours before the walk reaches it: an hour nobody has listed
     * since the page cache was dropped waits on the disk for its directory blocks and for the
     * inodes of ties, and several hours waiting at once finish much sooner than one after another.
     */
    private final class ReadAhead implements Iterator<List<Segment>> {
        private final Path qualityDir;
        private final long last;
        private final ArrayDeque<Future<List<Segment>>> pending = new ArrayDeque<>();
        private long nextToRead;
        private long next;

        ReadAhead(Path qualityDir, long first, long last) {
            this.qualityDir = qualityDir;
            this.last = last;
            this.nextToRead = first;
            this.next = first;
        }

        @Override
        public boolean hasNext() {
            return next <= last;
        }

        @Override
        public List<Segment> next() {
            if (next > last) {
                throw new NoSuchElementException();
            }
            while (pending.size() < READ_AHEAD && nextToRead <= last) {
                long start = nextToRead;
                String name = Timestamps.formatHour(start);
                Path hourDir = qualityDir.resolve(name);
                pending.add(pending.isEmpty() ? CompletableFuture.completedFuture(null)
                        : READERS.submit(() -> hour(hourDir, name, start).best()));
                nextToRead += Timestamps.MICROS_PER_HOUR;
            }
            Future<List<Segment>> head = pending.poll();
            long start = next;
            next += Timestamps.MICROS_PER_HOUR;
            List<Segment> ready = await(head);
            if (ready != null) {
                return ready;
            }
            String name = Timestamps.formatHour(start); // the first hour is read on the caller's thread
            return hour(qualityDir.resolve(name), name, start).best();
        }

        private List<Segment> await(Future<List<Segment>> f) {
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading an hour", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    private HourListing hour(Path hourDir, String hour, long hourStartMicros) {
        long now = System.currentTimeMillis();
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(hourDir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            cache.remove(hourDir);
            return HourListing.EMPTY;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!attrs.isDirectory() || hourStartMicros == Long.MIN_VALUE) {
            return HourListing.EMPTY;
        }
        long modified = attrs.lastModifiedTime().toMillis();
        CachedHour cached = cache.get(hourDir);
        if (cached != null && cached.modifiedMillis == modified
                && cached.listedAtMillis - modified >= RACY_MARGIN_MILLIS) {
            return cached.listing;
        }
        try {
            HourListing listing = HourReader.read(hourDir, hour, hourStartMicros);
            cache.put(hourDir, new CachedHour(modified, now, listing));
            return listing;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long hourStartOrMinus(String hour) {
        try {
            return Timestamps.parseHour(hour);
        } catch (InvalidSegmentNameException e) {
            return Long.MIN_VALUE;
        }
    }

    private Path dir(String... parts) {
        if (parts.length > 0 && RESERVED_NAMES.contains(parts[0])) {
            throw new StorePathException("'" + parts[0] + "' is reserved, not a channel");
        }
        Path p = baseDir;
        for (String part : parts) {
            checkPart(part);
            p = p.resolve(part);
        }
        if (!p.normalize().startsWith(baseDir)) {
            throw new StorePathException("path leaves the store");
        }
        return p;
    }

    /** Refuses any path part that could name something other than one plain child. */
    public static void checkPart(String part) {
        if (part == null || part.isEmpty()) {
            throw new StorePathException("empty path part");
        }
        if (part.startsWith(".")) {
            throw new StorePathException("hidden names are not served: '" + part + "'");
        }
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '/' || c == '\\' || c == 0) {
                throw new StorePathException("path part may not contain '/', '\\' or NUL");
            }
        }
    }

    private static List<String> subdirectories(Path dir) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                String name = p.getFileName().toString();
                if (!name.startsWith(".") && Files.isDirectory(p)) {
                    names.add(name);
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Collections.sort(names);
        return names;
    }
}

package org.streamvault.backfill;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.streamvault.segments.InvalidSegmentNameException;
import org.streamvault.segments.SegmentName;
import org.streamvault.segments.SegmentType;
import org.streamvault.segments.Timestamps;

/**
 * The diff at the heart of the backfiller: which names of a peer's hour listing this node lacks.
 *
 * <p>Fetched: segment names that parse, are not {@code temp}, are not too recent (see
 * {@link BackfillWindow#isTooRecent}), and are neither present locally nor hidden locally by a
 * tombstone; and tombstone names ({@code *.tombstone}) not present locally, so an operator's
 * removal spreads. Everything else a peer lists (junk, hidden names) is ignored, and handed to
 * the caller's {@code notSegment} so it can warn (as wubloader's backfiller does). The result is
 * shuffled, so nodes backfilling the same hour from one another do not all start at minute 0.
 */
public final class MissingSegments {
    public static final String TOMBSTONE_SUFFIX = ".tombstone";

    private MissingSegments() {
    }

    /**
     * @param remoteNames  the peer's listing of the hour (only read)
     * @param localNames   every name in the local hour directory, temp files included (only read)
     * @param hour         the hour's name, {@code YYYY-MM-DDTHH}
     * @return a new, shuffled list of names to fetch
     */
    public static List<String> compute(Collection<String> remoteNames, Collection<String> localNames, String hour,
            BackfillWindow window, long nowMicros, RandomGenerator random) {
        return compute(remoteNames, localNames, hour, window, nowMicros, random, name -> { });
    }

    /**
     * As {@link #compute(Collection, Collection, String, BackfillWindow, long, RandomGenerator)},
     * telling {@code notSegment} each listed name that is neither a segment nor a tombstone
     * (junk such as {@code junk-1.txt}, hidden or path-like names), so the caller can warn.
     */
    public static List<String> compute(Collection<String> remoteNames, Collection<String> localNames, String hour,
            BackfillWindow window, long nowMicros, RandomGenerator random, Consumer<String> notSegment) {
        long hourStart = Timestamps.parseHour(hour);
        Set<String> local = new HashSet<>(localNames);
        List<String> missing = new ArrayList<>();
        for (String name : remoteNames) {
            if (name.isEmpty() || name.startsWith(".") || name.contains("/") || name.contains("\\")
                    || name.indexOf('\0') >= 0) {
                notSegment.accept(name);
                continue;
            }
            if (local.contains(name)) {
                continue;
            }
            if (name.endsWith(TOMBSTONE_SUFFIX)) {
                missing.add(name);
                continue;
            }
            SegmentName parsed;
            try {
                parsed = SegmentName.parse(name);
            } catch (InvalidSegmentNameException e) {
                notSegment.accept(name);
                continue;
            }
            if (parsed.type() == SegmentType.TEMP || isTombstoned(name, local)
                    || window.isTooRecent(hourStart + parsed.offsetMicros(), nowMicros)) {
                continue;
            }
            missing.add(name);
        }
        Collections.shuffle(missing, random);
        return missing;
    }

    /** {@code X.ts.tombstone} and {@code X.tombstone} both hide {@code X.ts} (as in the store). */
    private static boolean isTombstoned(String name, Set<String> local) {
        String bare = name.substring(0, name.length() - SegmentName.EXTENSION.length());
        return local.contains(name + TOMBSTONE_SUFFIX) || local.contains(bare + TOMBSTONE_SUFFIX);
    }
}

package org.streamvault.segments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.testing.StoreBuilder;

/**
 * Generates random stores on disk (duplicates, temps, partials, suspects, jitter, gaps,
 * overlaps, junk, segments crossing hour boundaries) and checks that the store's selection
 * equals a deliberately plain reference written straight from the spec's wording over the
 * list of files that were written.
 */
class SelectionAgainstReferenceTest {
    private static final long SEC = 1_000_000;
    private static final long TOLERANCE = 10_000;
    private static final long BASE = Timestamps.parseHour("2026-11-20T13");

    @TempDir
    Path base;

    /** What the generator wrote, as the reference sees it. */
    record Written(String fileName, long start, long duration, SegmentType type, long size, String hash) {
        long end() {
            return start + duration;
        }
    }

    @RepeatedTest(40)
    void storeSelectionEqualsReference(RepetitionInfo info) throws Exception {
        SplittableRandom random = new SplittableRandom(1000 + info.getCurrentRepetition());
        List<Written> written = generate(random);
        SegmentStore store = new SegmentStore(base);
        for (int q = 0; q < 30; q++) {
            long start = BASE + random.nextLong(0, 3 * 3600 * SEC);
            long end = start + random.nextLong(1, 40 * 60 * SEC);
            boolean allowHoles = random.nextInt(4) != 0;
            List<String> expected = reference(written, start, end, allowHoles);
            List<String> actual;
            try {
                actual = describe(store.select("c", "q", start, end, allowHoles));
            } catch (ContainsHolesException e) {
                actual = List.of("CONTAINS_HOLES");
            }
            assertThat(actual).as("range %s to %s allowHoles=%s", Timestamps.formatIso(start),
                    Timestamps.formatIso(end), allowHoles).isEqualTo(expected);
        }
    }

    private List<Written> generate(SplittableRandom random) throws Exception {
        StoreBuilder builder = new StoreBuilder(base, "c", "q");
        List<Written> out = new ArrayList<>();
        long t = BASE + random.nextLong(0, 60 * SEC);
        long stop = BASE + 3 * 3600 * SEC;
        String[] durations = {"2.0", "2.0", "2.0", "2.002", "1.5", "2.5", "6"};
        while (t < stop) {
            String duration = durations[random.nextInt(durations.length)];
            long dur = SegmentName.parseDuration(duration);
            int copies = random.nextInt(10) == 0 ? 0 : 1 + (random.nextInt(5) == 0 ? random.nextInt(3) : 0);
            for (int c = 0; c < copies; c++) {
                SegmentType type = pickType(random);
                int size = 1 + random.nextInt(random.nextInt(3) == 0 ? 3 : 40);
                byte[] bytes = new byte[size];
                random.nextBytes(bytes);
                String copyDuration = random.nextInt(20) == 0 ? "2.25" : duration;
                Path p = builder.addBytes(t, copyDuration, type, bytes);
                SegmentName n = SegmentName.parse(p.getFileName().toString());
                out.add(new Written(n.fileName(), t, n.durationMicros(), type, size, n.hash()));
            }
            if (random.nextInt(50) == 0) {
                builder.addRaw(Timestamps.formatIso(t), "junk-" + random.nextInt(1000) + ".ts", new byte[3]);
            }
            long step = dur;
            switch (random.nextInt(12)) {
                case 0 -> step += random.nextLong(0, 9_000); // within tolerance
                case 1 -> step -= random.nextLong(0, 9_000);
                case 2 -> step += random.nextLong(11_000, 30 * SEC); // a gap
                case 3 -> step -= random.nextLong(11_000, dur / 2); // an overlap
                default -> {
                }
            }
            if (random.nextInt(200) == 0) {
                step += 2 * 3600 * SEC / 3; // a long outage, leaving whole hours empty
            }
            t += Math.max(step, 1);
        }
        assertThat(Files.isDirectory(base.resolve("c/q"))).isTrue();
        return out;
    }

    private static SegmentType pickType(SplittableRandom random) {
        int r = random.nextInt(20);
        return r < 14 ? SegmentType.FULL : r < 16 ? SegmentType.SUSPECT : r < 18 ? SegmentType.PARTIAL : SegmentType.TEMP;
    }

    // ---- the reference, written from the spec text and nothing else ----

    private static List<String> reference(List<Written> all, long start, long end, boolean allowHoles) {
        long firstHour = Math.floorDiv(start, 3600 * SEC) * 3600 * SEC - 3600 * SEC;
        long lastHourEnd = Math.floorDiv(end, 3600 * SEC) * 3600 * SEC + 3600 * SEC;
        // candidates: not temp, in the hours visited
        List<Written> candidates = all.stream()
                .filter(w -> w.type() != SegmentType.TEMP && w.start() >= firstHour && w.start() < lastHourEnd)
                .toList();
        // best per start
        List<Written> best = new ArrayList<>();
        candidates.stream().map(Written::start).distinct().sorted().forEach(s -> {
            List<Written> same = candidates.stream().filter(w -> w.start() == s).toList();
            best.add(same.stream().max(REFERENCE_ORDER).orElseThrow());
        });
        // walk
        List<String> out = new ArrayList<>();
        Written prev = null;
        for (Written w : best) {
            if (prev == null) {
                if (w.start() <= start && start < w.end()) {
                    out.add(w.fileName());
                } else if (start < w.start() && w.start() < end) {
                    out.add("HOLE");
                    out.add(w.fileName());
                } else {
                    continue;
                }
            } else {
                if (w.start() < prev.end() - TOLERANCE) {
                    continue;
                }
                if (prev.type() != SegmentType.FULL || w.start() > prev.end() + TOLERANCE) {
                    out.add("HOLE");
                }
                out.add(w.fileName());
            }
            prev = w;
            if (end <= w.end()) {
                break;
            }
        }
        if (prev == null || prev.type() != SegmentType.FULL || prev.end() < end) {
            out.add("HOLE");
        }
        if (!allowHoles && out.contains("HOLE")) {
            return List.of("CONTAINS_HOLES");
        }
        return out;
    }

    /** Larger is better. */
    private static final Comparator<Written> REFERENCE_ORDER = (a, b) -> {
        boolean af = a.type() == SegmentType.FULL;
        boolean bf = b.type() == SegmentType.FULL;
        if (af != bf) {
            return af ? 1 : -1;
        }
        if (af) {
            int c = Long.compare(a.duration(), b.duration());
            if (c == 0) {
                c = Long.compare(a.size(), b.size());
            }
            if (c == 0) {
                c = Arrays.compareUnsigned(SegmentHash.decode(a.hash()), SegmentHash.decode(b.hash()));
            }
            return c;
        }
        int c = Boolean.compare(a.type() == SegmentType.SUSPECT, b.type() == SegmentType.SUSPECT);
        if (c == 0) {
            c = Long.compare(a.size(), b.size());
        }
        if (c == 0) {
            c = b.fileName().compareTo(a.fileName()); // the lower name wins
        }
        return c;
    };

    private static List<String> describe(Selection s) {
        List<String> out = new ArrayList<>();
        for (SelectionEntry e : s.entries()) {
            out.add(e instanceof Segment seg ? seg.name().fileName() : "HOLE");
        }
        return out;
    }
}

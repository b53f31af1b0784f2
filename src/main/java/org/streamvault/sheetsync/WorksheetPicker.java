package org.streamvault.sheetsync;

import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;

/**
 * Which worksheets a pass reads. Operators work on today's worksheet, rarely on older days, so
 * most passes read only the {@code recent} worksheets that changed most recently, and every
 * {@code fullEvery}-th pass (the first one included) reads all of them, so an edit to an old day
 * is seen within {@code fullEvery} passes. A worksheet counts as changed when a pass found a row
 * to insert or update in it.
 */
public final class WorksheetPicker {
    private final List<String> all;
    private final LinkedList<String> byRecency;
    private final int recent;
    private final int fullEvery;
    private long passes;

    /**
     * @param worksheets the configured worksheets (the last ones are taken as the most recent until one changes)
     * @param recent     worksheets read on an ordinary pass (at least 1)
     * @param fullEvery  every this-many passes all of them (1 = always all)
     */
    public WorksheetPicker(List<String> worksheets, int recent, int fullEvery) {
        if (worksheets.isEmpty()) {
            throw new IllegalArgumentException("streamvault.sheetsync.worksheets names no worksheet");
        }
        this.all = List.copyOf(worksheets);
        this.byRecency = new LinkedList<>(all.reversed());
        this.recent = Math.max(1, recent);
        this.fullEvery = Math.max(1, fullEvery);
    }

    /** The worksheets for the next pass, in configuration order. */
    public synchronized List<String> next() {
        boolean full = passes++ % fullEvery == 0;
        if (full || recent >= all.size()) {
            return all;
        }
        List<String> picked = byRecency.subList(0, recent);
        List<String> out = new ArrayList<>();
        for (String w : all) {
            if (picked.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }

    /** A pass changed rows of {@code worksheet}: it is read on the next ordinary passes. */
    public synchronized void changed(String worksheet) {
        if (byRecency.remove(worksheet)) {
            byRecency.addFirst(worksheet);
        }
    }

    public List<String> all() {
        return all;
    }
}

package org.streamvault.hls;

import java.util.List;
import org.streamvault.segments.Hole;
import org.streamvault.segments.SelectionEntry;

/**
 * Trims the newest part of a live (open-ended) selection at its first hole.
 *
 * <p>Segments of a live stream are fetched concurrently, so the newest seconds often have
 * holes that fill in a moment later. Publishing a segment after such a hole would force a
 * later playlist to insert the missing one in the middle, which RFC 8216 §6.2.1 forbids; so
 * everything from the first hole that begins within the window before now is held back.
 */
public final class LiveTail {
    private LiveTail() {
    }

    /**
     * The entries up to and including the first hole that starts at or after
     * {@code nowMicros - windowMicros}; keeping that hole means the playlist stays open.
     */
    public static List<SelectionEntry> trim(List<SelectionEntry> entries, long nowMicros, long windowMicros) {
        long horizon = nowMicros - windowMicros;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i) instanceof Hole h && h.startMicros() >= horizon && i < entries.size() - 1) {
                return entries.subList(0, i + 1);
            }
        }
        return entries;
    }
}

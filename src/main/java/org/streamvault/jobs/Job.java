package org.streamvault.jobs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An events row as the cutter sees it: the edit inputs that decide what is cut and uploaded.
 * The claim compares every one of these fields, so a row edited between the candidate check and
 * the claim is never cut with stale parameters; the ranges and transitions are compared as the
 * arrays they were read as ({@code rangesText}, {@code transitionsText}: PostgreSQL's text form).
 *
 * @param ranges      cut back to back in this order
 * @param transitions {@code transitions.get(i)} joins range i to range i + 1; a {@code null}
 *                    element is a hard cut
 */
public record Job(String id, boolean allowHoles, List<String> uploaderWhitelist, String uploadLocation, boolean isPublic,
        List<VideoRange> ranges, List<VideoTransition> transitions, String rangesText, String transitionsText,
        String videoTitle, String videoDescription, List<String> videoTags, String videoChannel, String videoQuality,
        String error) {

    public Job {
        videoTags = videoTags == null ? List.of() : List.copyOf(videoTags);
        uploaderWhitelist = uploaderWhitelist == null ? null : List.copyOf(uploaderWhitelist);
        ranges = ranges == null ? List.of() : List.copyOf(ranges);
        // null elements are hard cuts, which List.copyOf refuses
        transitions = transitions == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(transitions));
    }

    /** True when {@code node} may take this job (no whitelist, or named on it). */
    public boolean allows(String node) {
        return uploaderWhitelist == null || uploaderWhitelist.contains(node);
    }

    /** The video's length: its ranges, less the overlap of each transition (0 when unknown). */
    public long videoMicros() {
        long total = 0;
        for (VideoRange r : ranges) {
            total += r.isCuttable() ? r.endMicros() - r.startMicros() : 0;
        }
        for (VideoTransition t : transitions) {
            total -= t == null || !(t.durationSeconds() > 0) ? 0 : Math.round(t.durationSeconds() * 1e6);
        }
        return Math.max(0, total);
    }

    /** Why these ranges and transitions cannot be cut, or null when they can. */
    public String rangeProblem() {
        if (ranges.isEmpty()) {
            return "no video range";
        }
        if (transitions.size() != ranges.size() - 1) {
            return ranges.size() + " ranges need " + (ranges.size() - 1) + " transitions, not " + transitions.size();
        }
        for (int i = 0; i < ranges.size(); i++) {
            if (!ranges.get(i).isCuttable()) {
                return "range " + (i + 1) + " must have a start and an end after it";
            }
        }
        for (int i = 0; i < transitions.size(); i++) {
            VideoTransition t = transitions.get(i);
            if (t != null && (t.type() == null || t.type().isBlank() || !(t.durationSeconds() > 0))) {
                return "transition " + (i + 1) + " needs a type and a duration above zero";
            }
        }
        return null;
    }
}

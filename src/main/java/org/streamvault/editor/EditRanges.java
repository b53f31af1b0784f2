package org.streamvault.editor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import org.streamvault.restream.HttpProblem;
import org.streamvault.segments.Timestamps;

/**
 * An edit's {@code video_ranges} and {@code video_transitions}, as wubloader's editor sends them:
 * {@code [[start, end], ...]} (ISO-8601 UTC) and {@code [[type, seconds] | null, ...]}, one
 * transition per join (null: a hard cut). Checked here in full (at least one range, each start
 * before its end, one transition fewer than ranges, names that could be ffmpeg xfade
 * transitions, durations above zero and shorter than both ranges they join), so what is stored
 * is what any cutter can cut.
 */
record EditRanges(List<long[]> ranges, List<Transition> transitions) {
    /** One join: an xfade transition name and its length in seconds. */
    record Transition(String type, double seconds) {
    }

    /** xfade's names are lower-case words (fade, wipeleft, circleopen, ...). */
    private static final Pattern TRANSITION_NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    /** Far beyond any clip an operator makes; keeps a hostile body from making a huge array. */
    static final int MAX_RANGES = 100;

    /** Both fields from the body; null when both are null (a draft without ranges yet). */
    static EditRanges parse(JsonBody body) {
        JsonNode ranges = body.raw("video_ranges");
        JsonNode transitions = body.raw("video_transitions");
        boolean noRanges = ranges == null || ranges.isNull();
        boolean noTransitions = transitions == null || transitions.isNull();
        if (noRanges && noTransitions) {
            return null;
        }
        if (noRanges || noTransitions) {
            throw HttpProblem.badRequest("video_ranges and video_transitions go together: set both or neither");
        }
        EditRanges edit = new EditRanges(readRanges(ranges), readTransitions(transitions));
        edit.validate();
        return edit;
    }

    private static List<long[]> readRanges(JsonNode json) {
        if (!json.isArray()) {
            throw HttpProblem.badRequest("video_ranges must be a list of [start, end] pairs");
        }
        if (json.size() > MAX_RANGES) {
            throw HttpProblem.badRequest("video_ranges has " + json.size() + " ranges; the limit is " + MAX_RANGES);
        }
        List<long[]> out = new ArrayList<>();
        for (JsonNode pair : json) {
            if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isTextual() || !pair.get(1).isTextual()) {
                throw HttpProblem.badRequest("video_ranges must be a list of [start, end] pairs of ISO-8601 UTC times");
            }
            out.add(new long[] {JsonBody.parseTime("video_ranges", pair.get(0).textValue()),
                JsonBody.parseTime("video_ranges", pair.get(1).textValue())});
        }
        return out;
    }

    private static List<Transition> readTransitions(JsonNode json) {
        if (!json.isArray()) {
            throw HttpProblem.badRequest("video_transitions must be a list of [type, seconds] pairs or nulls");
        }
        if (json.size() > MAX_RANGES) {
            throw HttpProblem.badRequest("video_transitions has " + json.size() + " elements; the limit is " + MAX_RANGES);
        }
        List<Transition> out = new ArrayList<>();
        for (JsonNode t : json) {
            if (t.isNull()) {
                out.add(null);
                continue;
            }
            if (!t.isArray() || t.size() != 2 || !t.get(0).isTextual() || !t.get(1).isNumber()) {
                throw HttpProblem.badRequest("video_transitions must be a list of [type, seconds] pairs or nulls"
                        + " (null: a hard cut)");
            }
            String type = t.get(0).textValue();
            if (!TRANSITION_NAME.matcher(type).matches()) {
                throw HttpProblem.badRequest("transition type '" + JsonBody.abbreviate(type)
                        + "' is not an xfade transition name (lower-case letters, digits, _)");
            }
            out.add(new Transition(type, t.get(1).doubleValue()));
        }
        return out;
    }

    private void validate() {
        if (ranges.isEmpty()) {
            throw HttpProblem.badRequest("video_ranges must hold at least one range");
        }
        if (transitions.size() != ranges.size() - 1) {
            throw HttpProblem.badRequest("there must be exactly " + (ranges.size() - 1) + " transitions for "
                    + ranges.size() + " ranges, not " + transitions.size());
        }
        for (int i = 0; i < ranges.size(); i++) {
            if (ranges.get(i)[0] >= ranges.get(i)[1]) {
                throw HttpProblem.badRequest("range " + (i + 1) + ": the start must be before the end");
            }
        }
        for (int i = 0; i < transitions.size(); i++) {
            Transition t = transitions.get(i);
            if (t == null) {
                continue;
            }
            if (!(t.seconds() > 0) || Double.isInfinite(t.seconds())) {
                throw HttpProblem.badRequest("transition " + (i + 1) + ": the duration must be above zero seconds");
            }
            long micros = Math.round(t.seconds() * Timestamps.MICROS_PER_SECOND);
            if (micros >= length(i) || micros >= length(i + 1)) {
                throw HttpProblem.badRequest("transition " + (i + 1) + ": " + t.seconds()
                        + " s is not shorter than both ranges it joins");
            }
        }
    }

    private long length(int range) {
        return ranges.get(range)[1] - ranges.get(range)[0];
    }

    /** PostgreSQL's text form of the video_range[] (bound as {@code ?::video_range[]}). */
    String rangesLiteral() {
        StringJoiner out = new StringJoiner(",", "{", "}");
        for (long[] r : ranges) {
            out.add("\"(" + wall(r[0]) + "," + wall(r[1]) + ")\"");
        }
        return out.toString();
    }

    /** PostgreSQL's text form of the video_transition[]: names are plain words, so no quoting is needed. */
    String transitionsLiteral() {
        StringJoiner out = new StringJoiner(",", "{", "}");
        for (Transition t : transitions) {
            out.add(t == null ? "NULL" : "\"(" + t.type() + "," + t.seconds() + ")\"");
        }
        return out.toString();
    }

    /** TIMESTAMP columns hold UTC wall time: {@code 2026-11-20 14:05:00.000000}. */
    private static String wall(long micros) {
        String iso = Timestamps.formatIso(micros);
        return iso.substring(0, 10) + " " + iso.substring(11, iso.length() - 1);
    }
}

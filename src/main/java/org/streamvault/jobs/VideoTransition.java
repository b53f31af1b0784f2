package org.streamvault.jobs;

/**
 * One non-NULL element of a row's {@code video_transitions}: how a range joins the next, as an
 * ffmpeg {@code xfade} transition name and its duration in seconds (wubloader's DOUBLE PRECISION).
 * A NULL element, a hard cut, is a {@code null} in {@link Job#transitions()}.
 */
public record VideoTransition(String type, double durationSeconds) {
}

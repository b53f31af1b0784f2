package org.streamvault.upload.youtube;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpResponseException;
import com.google.auth.Retryable;
import java.util.Set;
import org.streamvault.upload.UploadException;
import org.streamvault.upload.UploadException.Kind;

/**
 * Turns what the YouTube client threw into what the cutter should do about it.
 *
 * <p>Before the upload is finalized nothing exists on YouTube, so the question is only whether
 * trying again can help:
 * <ul>
 * <li>408, 429, every 5xx, and 403 for a short-term rate limit ({@code rateLimitExceeded},
 *     {@code userRateLimitExceeded}): {@link Kind#RETRYABLE}.</li>
 * <li>404 or 410 once the upload session existed: the session expired, a new one will do:
 *     {@link Kind#RETRYABLE}.</li>
 * <li>Every other 4xx, on creating the upload or later: {@link Kind#NON_RETRYABLE}. That includes
 *     401 (the credentials were refused even after a refresh) and 403 {@code quotaExceeded} /
 *     {@code uploadLimitExceeded}: the daily quota lasts until midnight Pacific time, and a job
 *     bouncing back to EDITED every poll until then would spend the quota of the next day on
 *     refused attempts; the row gets a readable error and an editor re-submits it.</li>
 * <li>The token endpoint refusing the refresh token (e.g. {@code invalid_grant}):
 *     {@link Kind#NON_RETRYABLE}; its 5xx or unreachability: {@link Kind#RETRYABLE}.</li>
 * <li>Network failures: {@link Kind#RETRYABLE}.</li>
 * </ul>
 * Reading the video failing (the cut failed) is {@link Kind#NON_RETRYABLE}, a refusing
 * finalizer is {@link Kind#NON_RETRYABLE} with the {@code UploadCancelledException} as cause,
 * and anything after the finalizer returned is {@link Kind#UNKNOWN_OUTCOME}.
 */
final class YouTubeFailures {
    private static final Set<String> RATE_LIMITS = Set.of("rateLimitExceeded", "userRateLimitExceeded");

    private YouTubeFailures() {
    }

    static UploadException ofUpload(Exception e, FinalizingVideoStream body) {
        if (body.cancellation() != null) {
            return new UploadException(Kind.NON_RETRYABLE, "cancelled: " + body.cancellation().getMessage(),
                    body.cancellation());
        }
        if (body.sourceFailure() != null) {
            return new UploadException(Kind.NON_RETRYABLE, "reading the cut video failed: "
                    + oneLine(body.sourceFailure().getMessage()), body.sourceFailure());
        }
        if (body.finalized()) {
            return new UploadException(Kind.UNKNOWN_OUTCOME, "YouTube upload failed after its last chunk was sent,"
                    + " the video may exist; check the channel: " + describe(e), e);
        }
        return beforeFinalizing(e, body.started());
    }

    /** A failure when nothing was created (any call before finalizing, and status queries). */
    static UploadException beforeFinalizing(Exception e, boolean sessionStarted) {
        Retryable auth = find(e, Retryable.class);
        if (auth != null) {
            return new UploadException(auth.isRetryable() ? Kind.RETRYABLE : Kind.NON_RETRYABLE,
                    "getting a YouTube access token failed (check the credentials file): " + describe(e), e);
        }
        HttpResponseException http = find(e, HttpResponseException.class);
        if (http == null) {
            return new UploadException(Kind.RETRYABLE, "YouTube unreachable: " + describe(e), e);
        }
        int status = http.getStatusCode();
        String reason = reason(http);
        boolean retry = status == 408 || status == 429 || status >= 500
                || (status == 403 && RATE_LIMITS.contains(reason))
                || (sessionStarted && (status == 404 || status == 410));
        String hint = status == 403 && ("quotaExceeded".equals(reason) || "uploadLimitExceeded".equals(reason))
                ? " (quota resets at midnight Pacific time; submit the clip again then)"
                : "";
        return new UploadException(retry ? Kind.RETRYABLE : Kind.NON_RETRYABLE,
                "YouTube refused: " + describe(http) + hint, e);
    }

    private static String reason(HttpResponseException http) {
        if (http instanceof GoogleJsonResponseException json && json.getDetails() != null
                && json.getDetails().getErrors() != null && !json.getDetails().getErrors().isEmpty()) {
            return json.getDetails().getErrors().get(0).getReason();
        }
        return null;
    }

    static String describe(Throwable e) {
        if (e instanceof GoogleJsonResponseException json && json.getDetails() != null) {
            GoogleJsonError details = json.getDetails();
            String reason = reason(json);
            return "HTTP " + json.getStatusCode() + (reason != null ? " " + reason : "") + ": "
                    + oneLine(details.getMessage());
        }
        if (e instanceof HttpResponseException http) {
            return "HTTP " + http.getStatusCode() + " " + oneLine(http.getStatusMessage());
        }
        return e.getClass().getSimpleName() + ": " + oneLine(e.getMessage());
    }

    private static <T> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*\\n\\s*", " ");
    }
}

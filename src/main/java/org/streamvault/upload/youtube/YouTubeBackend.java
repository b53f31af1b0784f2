package org.streamvault.upload.youtube;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.client.http.ByteArrayContent;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.InputStreamContent;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.youtube.YouTube;
import com.google.api.services.youtube.model.Video;
import com.google.api.services.youtube.model.VideoListResponse;
import com.google.api.services.youtube.model.VideoSnippet;
import com.google.api.services.youtube.model.VideoStatus;
import com.google.auth.http.HttpCredentialsAdapter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamvault.upload.TranscodeCheck;
import org.streamvault.upload.UploadBackend;
import org.streamvault.upload.UploadException;
import org.streamvault.upload.UploadRequest;
import org.streamvault.upload.UploadResult;
import org.streamvault.upload.VideoSource;
import org.streamvault.upload.VideoUpdate;

/**
 * Uploads clips to a YouTube channel through Google's Java client for the YouTube Data API v3,
 * with the resumable upload protocol: one request creates an upload session, then the video
 * goes up in {@code chunk_size} pieces, each acknowledged with 308 until the last one, whose
 * answer is the new video. Videos then need processing, which {@link #transcoded} checks.
 *
 * <p>Exactly-once: the finalizer runs while the last chunk is being assembled, before the
 * request that completes the upload (see {@link FinalizingVideoStream}). The video is always
 * handed to the uploader as of unknown length, even when it was spooled to a file, because
 * only then does the uploader read each chunk fully before sending it, which is what lets the
 * end of the video be seen before the final request begins. A known length is still announced
 * to YouTube ({@code X-Upload-Content-Length}) so an oversized upload is refused up front.
 * The client retries nothing on its own (no back-off handler is installed) except a 401
 * answered by refreshing the access token; whole-job retries are the cutter's business.
 * How failures are classified is described in {@link YouTubeFailures}.
 */
public final class YouTubeBackend implements UploadBackend {
    private static final Logger LOG = LoggerFactory.getLogger(YouTubeBackend.class);
    private static final int CONNECT_TIMEOUT_MILLIS = 20_000;
    /** Long enough for YouTube to answer the last chunk of a large upload. */
    private static final int READ_TIMEOUT_MILLIS = 120_000;
    /** The most ids {@code videos.list} takes at once. */
    private static final int LIST_BATCH = 50;

    private final YouTube client;
    private final YouTubeSettings settings;

    public YouTubeBackend(YouTube client, YouTubeSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    /**
     * Builds the backend of one {@code youtube} upload location; fits
     * {@code UploadLocations.BackendFactory}. The credentials file is read now, so a missing
     * or broken one stops the node at startup rather than failing every job.
     *
     * @param credentialsFile {@code streamvault.cutter.credentials-file}, or null when not set
     * @throws IllegalArgumentException in one line naming what is wrong
     */
    public static YouTubeBackend fromSettings(String location, JsonNode locationSettings, Path credentialsFile) {
        YouTubeSettings settings = YouTubeSettings.parse(location, locationSettings, credentialsFile);
        HttpCredentialsAdapter credentials = new HttpCredentialsAdapter(
                YouTubeCredentials.load(settings.credentialsFile(), settings.tokenUrl()));
        HttpRequestInitializer initializer = request -> {
            credentials.initialize(request);
            request.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            request.setReadTimeout(READ_TIMEOUT_MILLIS);
        };
        YouTube client = new YouTube.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(), initializer)
                .setRootUrl(settings.apiRootUrl())
                .setApplicationName("streamvault")
                .build();
        return new YouTubeBackend(client, settings);
    }

    @Override
    public UploadResult upload(UploadRequest request, VideoSource video, Finalizer finalizer) throws UploadException {
        FinalizingVideoStream body = new FinalizingVideoStream(video, finalizer);
        try (body) {
            YouTube.Videos.Insert insert = client.videos().insert(List.of("snippet", "status"), metadata(request),
                    new InputStreamContent(request.contentType(), body));
            // Video does not compress; gzip would only cost CPU on both ends.
            insert.setDisableGZipContent(true);
            if (video.length() >= 0) {
                insert.getRequestHeaders().set("X-Upload-Content-Length", video.length());
            }
            insert.getMediaHttpUploader().setDirectUploadEnabled(false).setChunkSize(settings.chunkSize());
            Video created = insert.execute();
            String id = created == null ? null : created.getId();
            if (id == null || id.isBlank()) {
                throw new UploadException(UploadException.Kind.UNKNOWN_OUTCOME,
                        "YouTube completed the upload but named no video id; check the channel");
            }
            LOG.info("job {} uploaded to YouTube as {}", request.jobId(), id);
            return new UploadResult(id, "https://youtu.be/" + id, true);
        } catch (IOException | RuntimeException e) {
            throw YouTubeFailures.ofUpload(e, body);
        }
    }

    private Video metadata(UploadRequest request) {
        VideoSnippet snippet = new VideoSnippet()
                .setTitle(request.title())
                .setDescription(request.description())
                .setTags(request.tags() == null || request.tags().isEmpty() ? null : List.copyOf(request.tags()))
                .setCategoryId(settings.categoryId())
                .setDefaultLanguage(settings.language())
                .setDefaultAudioLanguage(settings.language());
        VideoStatus status = new VideoStatus().setPrivacyStatus(settings.privacyFor(request.isPublic()));
        return new Video().setSnippet(snippet).setStatus(status);
    }

    /**
     * {@code videos.update} of the snippet and status, from the video as YouTube has it now
     * ({@code videos.list}): only title, description, tags and privacy change, so what YouTube or
     * the channel's owner set (category, languages, licence, embedding, made-for-kids, ...) is
     * sent back as it was rather than reset (an update replaces each part it names whole).
     */
    @Override
    public void update(VideoUpdate update) throws UploadException {
        Video current;
        try {
            VideoListResponse found = client.videos().list(List.of("snippet", "status")).setId(List.of(update.videoId()))
                    .execute();
            current = found.getItems() == null || found.getItems().isEmpty() ? null : found.getItems().get(0);
        } catch (IOException | RuntimeException e) {
            throw YouTubeFailures.beforeFinalizing(e, false);
        }
        if (current == null || current.getSnippet() == null) {
            throw new UploadException(UploadException.Kind.NON_RETRYABLE, "YouTube does not know video "
                    + update.videoId() + " (deleted, or not on this channel)");
        }
        VideoSnippet snippet = current.getSnippet()
                .setTitle(update.title())
                .setDescription(update.description())
                .setTags(update.tags().isEmpty() ? null : update.tags());
        VideoStatus status = (current.getStatus() == null ? new VideoStatus() : current.getStatus())
                .setPrivacyStatus(settings.privacyFor(update.isPublic()));
        // read-only fields YouTube rejects or ignores on update
        snippet.setThumbnails(null).setLocalized(null).setPublishedAt(null).setChannelId(null).setChannelTitle(null)
                .setLiveBroadcastContent(null);
        status.setUploadStatus(null).setFailureReason(null).setRejectionReason(null);
        try {
            client.videos().update(List.of("snippet", "status"), new Video().setId(update.videoId()).setSnippet(snippet)
                    .setStatus(status)).execute();
            LOG.info("job {}: YouTube video {} updated", update.jobId(), update.videoId());
        } catch (IOException | RuntimeException e) {
            throw YouTubeFailures.beforeFinalizing(e, false);
        }
    }

    @Override
    public boolean needsTranscodeCheck() {
        return true;
    }

    /**
     * Asks YouTube, 50 ids per request, which videos finished processing
     * ({@code status.uploadStatus == processed}). Videos whose processing failed, that were
     * rejected or deleted, or that YouTube does not know come back as failed with the reason
     * YouTube gives; {@code uploaded} means still processing.
     */
    @Override
    public TranscodeCheck checkTranscoding(Collection<String> videoIds) throws UploadException {
        List<String> ids = List.copyOf(new HashSet<>(videoIds));
        Set<String> done = new HashSet<>();
        Map<String, String> failed = new HashMap<>();
        for (int from = 0; from < ids.size(); from += LIST_BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + LIST_BATCH));
            VideoListResponse response;
            try {
                response = client.videos().list(List.of("status", "processingDetails"))
                        .setId(new ArrayList<>(batch))
                        .setMaxResults((long) LIST_BATCH)
                        .execute();
            } catch (IOException | RuntimeException e) {
                throw YouTubeFailures.beforeFinalizing(e, false);
            }
            Set<String> seen = new HashSet<>();
            for (Video v : response.getItems() == null ? List.<Video>of() : response.getItems()) {
                seen.add(v.getId());
                String state = v.getStatus() == null ? null : v.getStatus().getUploadStatus();
                if ("processed".equals(state)) {
                    done.add(v.getId());
                } else if (state != null && !state.equals("uploaded")) {
                    String reason = v.getStatus().getFailureReason() != null ? v.getStatus().getFailureReason()
                            : v.getStatus().getRejectionReason();
                    failed.put(v.getId(), "YouTube will not make video " + v.getId() + " viewable: upload status "
                            + state + (reason == null ? "" : " (" + reason + ")"));
                }
            }
            for (String id : batch) {
                if (!seen.contains(id)) {
                    failed.put(id, "YouTube does not know video " + id + " (deleted, or not on this channel)");
                }
            }
        }
        return new TranscodeCheck(done, failed);
    }

    /**
     * {@code thumbnails.set} through Google's client, as one direct media upload
     * ({@code uploadType=media}: a thumbnail is at most 2 MB, so a resumable session would only add
     * a round trip). Failures are classified as before finalizing: nothing about the video changes.
     */
    @Override
    public void setThumbnail(String jobId, String videoId, byte[] png) throws UploadException {
        try {
            YouTube.Thumbnails.Set set = client.thumbnails().set(videoId, new ByteArrayContent("image/png", png));
            set.setDisableGZipContent(true); // a PNG is compressed already
            set.getMediaHttpUploader().setDirectUploadEnabled(true);
            set.execute();
            LOG.info("job {}: thumbnail of YouTube video {} set ({} bytes)", jobId, videoId, png.length);
        } catch (IOException | RuntimeException e) {
            throw YouTubeFailures.beforeFinalizing(e, false);
        }
    }

    YouTubeSettings settings() {
        return settings;
    }
}

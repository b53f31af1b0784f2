package org.streamvault.upload.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.Normalizer;
import org.streamvault.upload.UploadBackend;
import org.streamvault.upload.UploadCancelledException;
import org.streamvault.upload.UploadException;
import org.streamvault.upload.UploadRequest;
import org.streamvault.upload.UploadResult;
import org.streamvault.upload.VideoSource;
import org.streamvault.upload.VideoUpdate;

/**
 * Uploads into a local folder (or a network mount): {@code <safe title> [<job id>].<ext>}, an
 * optional sidecar {@code .json} with title, description and tags (rewritten when the video is
 * modified, {@link #update}), and a link under a URL prefix when one is configured.
 *
 * <p>The video is written to a hidden temp file in the same folder; the finalize hook runs just
 * before the atomic rename that makes it visible, so a cancelled job leaves nothing behind.
 */
public final class LocalBackend implements UploadBackend {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TITLE_CHARS = 100;

    private final Path folder;
    private final String urlPrefix;
    private final boolean sidecar;

    public LocalBackend(Path folder, String urlPrefix, boolean sidecar) {
        this.folder = folder.toAbsolutePath().normalize();
        this.urlPrefix = urlPrefix;
        this.sidecar = sidecar;
    }

    @Override
    public UploadResult upload(UploadRequest request, VideoSource video, Finalizer finalizer) throws UploadException {
        String id = safeId(request.jobId());
        String base = safeName(request.title()) + " [" + id + "]";
        String fileName = base + "." + request.extension();
        Path temp = folder.resolve("." + id + ".part");
        try {
            Files.createDirectories(folder);
            try (InputStream in = video.open()) {
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            }
            if (sidecar) {
                writeSidecar(folder.resolve(base + ".json"), request.jobId(), request.title(), request.description(),
                        request.tags(), request.isPublic(), fileName);
            }
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UploadException(UploadException.Kind.RETRYABLE, "writing to " + folder + " failed: " + e.getMessage(), e);
        }
        try {
            finalizer.finalizeNow();
        } catch (UploadCancelledException e) {
            deleteQuietly(temp);
            deleteQuietly(folder.resolve(base + ".json"));
            throw new UploadException(UploadException.Kind.NON_RETRYABLE, "cancelled: " + e.getMessage(), e);
        }
        Path target = folder.resolve(fileName);
        try {
            publish(temp, target);
        } catch (FileAlreadyExistsException e) {
            deleteQuietly(temp);
            throw new UploadException(UploadException.Kind.UNKNOWN_OUTCOME, "refusing to overwrite " + target
                    + ": this job was uploaded before", e);
        } catch (IOException e) {
            throw new UploadException(UploadException.Kind.UNKNOWN_OUTCOME, "moving into place failed: " + e.getMessage(), e);
        }
        return new UploadResult(fileName, link(fileName, target), false);
    }

    /**
     * Rewrites the video's sidecar with the new title, description, tags and visibility; the
     * video file keeps its name and bytes (its name holds the title it was uploaded with). The
     * sidecar is replaced atomically, so a reader never sees half of it. Without sidecars there
     * is nothing that holds the metadata, so there is nothing to change.
     */
    @Override
    public void update(VideoUpdate update) throws UploadException {
        String fileName = update.videoId();
        Path video = fileName == null ? null : folder.resolve(fileName).normalize();
        if (video == null || !folder.equals(video.getParent()) || fileName.startsWith(".")) {
            throw new UploadException(UploadException.Kind.NON_RETRYABLE, "'" + fileName
                    + "' is not a video file of this location");
        }
        if (!Files.isRegularFile(video)) {
            throw new UploadException(UploadException.Kind.NON_RETRYABLE, "the video file " + video + " is gone");
        }
        if (!sidecar) {
            return;
        }
        int dot = fileName.lastIndexOf('.');
        Path json = folder.resolve((dot > 0 ? fileName.substring(0, dot) : fileName) + ".json");
        Path temp = folder.resolve("." + json.getFileName() + ".part");
        try {
            writeSidecar(temp, update.jobId(), update.title(), update.description(), update.tags(), update.isPublic(),
                    fileName);
            Files.move(temp, json, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UploadException(UploadException.Kind.RETRYABLE, "rewriting " + json + " failed: " + e.getMessage(), e);
        }
    }

    private static void writeSidecar(Path path, String id, String title, String description, java.util.List<String> tags,
            boolean isPublic, String fileName) throws IOException {
        ObjectNode meta = JSON.createObjectNode();
        meta.put("id", id);
        meta.put("title", title);
        meta.put("description", description);
        meta.set("tags", JSON.valueToTree(tags));
        meta.put("public", isPublic);
        meta.put("file", fileName);
        Files.writeString(path, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(meta));
    }

    /**
     * Makes the finished file visible under its name, never replacing an existing one: a hard
     * link fails atomically if the name is taken (a rename would silently replace it). Folders
     * without hard links (some network mounts) fall back to a move that checks first.
     */
    private static void publish(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
            Files.delete(temp);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | IOException e) {
            Files.move(temp, target);
        }
    }

    /**
     * Writes the thumbnail as {@code <video name>.png} beside the video, replacing an earlier one
     * atomically (a hidden temp file renamed over it), so a reader never sees half an image.
     */
    @Override
    public void setThumbnail(String jobId, String videoId, byte[] png) throws UploadException {
        Path video = videoId == null ? null : folder.resolve(videoId).normalize();
        if (video == null || !folder.equals(video.getParent()) || videoId.startsWith(".")) {
            throw new UploadException(UploadException.Kind.NON_RETRYABLE, "'" + videoId
                    + "' is not a video file of this location");
        }
        if (!Files.isRegularFile(video)) {
            throw new UploadException(UploadException.Kind.NON_RETRYABLE, "the video file " + video + " is gone");
        }
        int dot = videoId.lastIndexOf('.');
        Path image = folder.resolve((dot > 0 ? videoId.substring(0, dot) : videoId) + ".png");
        Path temp = folder.resolve("." + image.getFileName() + ".part");
        try {
            Files.write(temp, png);
            Files.move(temp, image, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UploadException(UploadException.Kind.RETRYABLE, "writing " + image + " failed: " + e.getMessage(), e);
        }
    }

    private String link(String fileName, Path target) {
        if (urlPrefix == null || urlPrefix.isBlank()) {
            return target.toUri().toString();
        }
        String prefix = urlPrefix.endsWith("/") ? urlPrefix : urlPrefix + "/";
        return prefix + org.streamvault.hls.UriPaths.encode(fileName);
    }

    /** A title reduced to characters every filesystem and shell takes, at most 100 of them. */
    static String safeName(String title) {
        String ascii = Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String safe = ascii.replaceAll("[^A-Za-z0-9 ._()+,-]", "_").replaceAll("\\s+", " ").replaceAll("_+", "_").strip();
        while (safe.startsWith(".")) {
            safe = safe.substring(1);
        }
        if (safe.length() > MAX_TITLE_CHARS) {
            safe = safe.substring(0, MAX_TITLE_CHARS).strip();
        }
        return safe.isEmpty() ? "video" : safe;
    }

    /**
     * A row id made safe for a file name: ids are any text (wubloader's are not UUIDs), so a
     * slash or a dot-dot must not reach the path. Characters other than letters, digits, '-' and
     * '_' become '_'.
     */
    static String safeId(String id) {
        String safe = id == null ? "" : id.replaceAll("[^A-Za-z0-9_-]", "_");
        return safe.isEmpty() ? "_" : safe;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: a leftover hidden .part file is harmless and overwritten next time
        }
    }
}

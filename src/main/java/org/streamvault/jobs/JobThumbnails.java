package org.streamvault.jobs;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import org.streamvault.images.Png;
import org.streamvault.images.ProcessGroup;
import org.streamvault.images.ThumbnailException;
import org.streamvault.images.ThumbnailRenderer;
import org.streamvault.images.ThumbnailSpec;

/**
 * The cutter's side of thumbnails (SPEC §10): renders a row's thumbnail with the same renderer the
 * editor previews with, and decides whether it has to be sent, by comparing its SHA-256 with
 * {@code thumbnail_last_written} (what was last set), so an unchanged thumbnail is never sent again.
 * No Camel.
 */
final class JobThumbnails {
    /** YouTube refuses larger thumbnails; refused here first, with a reason an editor can act on. */
    static final int MAX_BYTES = 2 * 1024 * 1024;

    private final ThumbnailRenderer renderer;
    private final Duration killGrace;

    /** {@code renderer} null: this node cannot make thumbnails (rows with one are refused, in one line). */
    JobThumbnails(ThumbnailRenderer renderer, Duration killGrace) {
        this.renderer = renderer;
        this.killGrace = killGrace;
    }

    /**
     * A thumbnail to set: the image, its hash, and whether the row should keep it as its saved copy
     * (BARE and TEMPLATE; a CUSTOM row's image is the upload itself).
     */
    record Rendered(byte[] png, byte[] hash, boolean saveCopy) {
        /** True when {@code lastWritten} is this very image. */
        boolean alreadyWritten(byte[] lastWritten) {
            return lastWritten != null && Arrays.equals(hash, lastWritten);
        }
    }

    /**
     * The row's thumbnail: its saved copy when it has one, else rendered now; {@code null} for NONE.
     *
     * @throws ThumbnailException (one line) when the inputs make no usable thumbnail
     */
    Rendered render(ThumbnailSpec spec) throws ThumbnailException {
        if (spec == null || spec.isNone()) {
            return null;
        }
        byte[] png = spec.image(); // the upload (CUSTOM) or the copy saved when it was last rendered
        boolean saveCopy = false;
        if (png == null) {
            if (renderer == null) {
                throw new ThumbnailException("this node cannot render thumbnails");
            }
            try (ProcessGroup group = new ProcessGroup(killGrace)) {
                png = renderer.render(spec, group);
            } catch (IOException e) {
                throw new ThumbnailException("rendering failed: " + e.getMessage());
            }
            saveCopy = !"CUSTOM".equals(spec.mode());
        } else if (!Png.hasSignature(png)) {
            throw new ThumbnailException("the row's thumbnail image is not a PNG");
        }
        if (png.length > MAX_BYTES) {
            throw new ThumbnailException("the thumbnail is " + png.length + " bytes; YouTube takes at most " + MAX_BYTES);
        }
        return new Rendered(png, ThumbnailRenderer.hash(png), saveCopy);
    }
}

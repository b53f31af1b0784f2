package org.streamvault.images;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.Supplier;
import org.streamvault.cut.FileEncoder;
import org.streamvault.segments.ContainsHolesException;
import org.streamvault.segments.Segment;
import org.streamvault.segments.SegmentStore;
import org.streamvault.segments.SelectionEntry;
import org.streamvault.segments.Timestamps;

/**
 * Makes a row's thumbnail as the cutter sets it and the editor shows it: BARE is the frame at the
 * row's time as a PNG; TEMPLATE that frame's {@code crop} drawn into the template's {@code location}
 * and the template over it ({@link ThumbnailComposer}); CUSTOM the row's own PNG, unchanged. The
 * frame comes from the best segment holding the time, exactly as {@code /frame} picks it. In
 * memory: one frame, one template and the result.
 */
public final class ThumbnailRenderer {
    private final SegmentStore store;
    private final FrameGrabber grabber;
    private final Supplier<TemplateStore> templates;
    private final long maxPixels;

    private final FileEncoder frameEncoder;
    private final Path frameTempDir;

    /** {@code templates} is asked only for TEMPLATE thumbnails (a node without a database may give null). */
    public ThumbnailRenderer(SegmentStore store, FrameGrabber grabber, Supplier<TemplateStore> templates, long maxPixels) {
        this(store, grabber, templates, maxPixels, null, null);
    }

    private ThumbnailRenderer(SegmentStore store, FrameGrabber grabber, Supplier<TemplateStore> templates, long maxPixels,
            FileEncoder frameEncoder, Path frameTempDir) {
        this.store = store;
        this.grabber = grabber;
        this.templates = templates;
        this.maxPixels = maxPixels;
        this.frameEncoder = frameEncoder;
        this.frameTempDir = frameTempDir;
    }

    /**
     * This renderer, its frame decoded by {@code encoder} into a PNG file in {@code tempDir} (the
     * cutter's, as a route) instead of through a pipe. The {@link ProcessGroup} no longer stops that
     * decode when closed (one frame: it ends on its own, or at the encoder's timeout), so renders
     * for a client that may leave (the editor's previews) use the plain renderer.
     */
    public ThumbnailRenderer withFrameEncoder(FileEncoder encoder, Path tempDir) {
        return new ThumbnailRenderer(store, grabber, templates, maxPixels, encoder, tempDir);
    }

    /**
     * The thumbnail's PNG bytes, or {@code null} for mode NONE.
     *
     * @throws ThumbnailException when the inputs do not make a thumbnail (no video at the time, no
     *                            such template, a box outside its image, a broken PNG)
     * @throws IOException        when ffmpeg failed or the group was closed
     */
    public byte[] render(ThumbnailSpec spec, ProcessGroup group) throws ThumbnailException, IOException {
        if (spec.isNone()) {
            return null;
        }
        switch (spec.mode()) {
            case "CUSTOM" -> {
                if (spec.image() == null) {
                    throw new ThumbnailException("thumbnail mode CUSTOM needs an uploaded image");
                }
                if (!Png.hasSignature(spec.image())) {
                    throw new ThumbnailException("the uploaded thumbnail is not a PNG");
                }
                return spec.image();
            }
            case "BARE" -> {
                return Png.write(frame(spec, group));
            }
            case "TEMPLATE" -> {
                return Png.write(compose(spec, group));
            }
            default -> throw new ThumbnailException("unknown thumbnail mode " + spec.mode());
        }
    }

    private BufferedImage compose(ThumbnailSpec spec, ProcessGroup group) throws ThumbnailException, IOException {
        if (spec.template() == null) {
            throw new ThumbnailException("thumbnail mode TEMPLATE needs a template");
        }
        TemplateStore store = templates.get();
        if (store == null) {
            throw new ThumbnailException("templates need a database and this node has none");
        }
        Template template = store.find(spec.template());
        if (template == null) {
            throw new ThumbnailException("no thumbnail template named '" + spec.template() + "'");
        }
        BufferedImage image;
        try {
            image = Png.read(template.image(), maxPixels, "template '" + template.name() + "'");
        } catch (IllegalArgumentException e) {
            throw new ThumbnailException(e.getMessage());
        }
        BufferedImage frame = frame(spec, group);
        Box crop = spec.crop() != null ? spec.crop() : template.crop();
        Box location = spec.location() != null ? spec.location() : template.location();
        try {
            return ThumbnailComposer.compose(frame, image, crop, location);
        } catch (IllegalArgumentException e) {
            throw new ThumbnailException(e.getMessage());
        }
    }

    private BufferedImage frame(ThumbnailSpec spec, ProcessGroup group) throws ThumbnailException, IOException {
        if (spec.timeMicros() == null) {
            throw new ThumbnailException("thumbnail mode " + spec.mode() + " needs a thumbnail time");
        }
        long at = spec.timeMicros();
        Segment segment = segmentAt(spec.channel(), spec.quality(), at);
        try {
            return frameEncoder == null ? grabber.grab(group, segment.path(), at - segment.startMicros(), maxPixels)
                    : grabber.grab(group, segment.path(), at - segment.startMicros(), maxPixels, frameEncoder, frameTempDir);
        } catch (NoMediaException e) {
            throw new ThumbnailException(e.getMessage());
        }
    }

    /** The best segment holding {@code micros}, as {@code /frame} selects it. */
    private Segment segmentAt(String channel, String quality, long micros) throws ThumbnailException {
        if (channel == null || quality == null || !store.hasQuality(channel, quality)) {
            throw new ThumbnailException("no video of " + channel + "/" + quality + " on this node");
        }
        try {
            for (SelectionEntry e : store.select(channel, quality, micros, micros + 1, true).entries()) {
                if (e instanceof Segment s && s.startMicros() <= micros && micros < s.endMicros()) {
                    return s;
                }
            }
        } catch (ContainsHolesException e) {
            throw new IllegalStateException("holes are allowed here", e);
        }
        throw new ThumbnailException("no video at the thumbnail time " + Timestamps.formatIso(micros) + " on this node");
    }

    /** What {@code thumbnail_last_written} records of a thumbnail set: the SHA-256 of its bytes (as wubloader). */
    public static byte[] hash(byte[] png) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(png);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }
}

package org.streamvault.editor;

import java.time.Duration;
import java.util.function.Supplier;
import org.streamvault.images.TemplateInfo;
import org.streamvault.images.TemplateStore;
import org.streamvault.images.ThumbnailRenderer;

/**
 * What the editor's template and thumbnail endpoints share (SPEC §10): the templates table, the
 * renderer the cutter uses too (made on first use: it needs the segment store of another
 * configuration class), and the limits of {@code streamvault.images.*}.
 */
final class EditorImages {
    private final TemplateStore templates;
    private final Supplier<ThumbnailRenderer> rendererSource;
    private final int maxTemplateBytes;
    private final long maxPixels;
    private final Duration killGrace;
    private volatile ThumbnailRenderer renderer;

    EditorImages(TemplateStore templates, Supplier<ThumbnailRenderer> renderer, int maxTemplateBytes, long maxPixels,
            Duration killGrace) {
        this.templates = templates;
        this.rendererSource = renderer;
        this.maxTemplateBytes = maxTemplateBytes;
        this.maxPixels = maxPixels;
        this.killGrace = killGrace;
    }

    TemplateStore templates() {
        return templates;
    }

    ThumbnailRenderer renderer() {
        if (renderer == null) {
            renderer = rendererSource.get();
        }
        return renderer;
    }

    int maxTemplateBytes() {
        return maxTemplateBytes;
    }

    long maxPixels() {
        return maxPixels;
    }

    Duration killGrace() {
        return killGrace;
    }

    /** The attribution of template {@code name}: empty when it has none or does not exist. */
    String attribution(String name) {
        if (name == null) {
            return "";
        }
        TemplateInfo info = templates.info(name);
        return info == null ? "" : info.attribution();
    }
}

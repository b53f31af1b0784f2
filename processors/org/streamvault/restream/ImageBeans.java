package org.streamvault.restream;

import java.time.Duration;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.streamvault.db.NodeDatabase;
import org.streamvault.images.FrameGrabber;
import org.streamvault.images.TemplateStore;
import org.streamvault.images.ThumbnailRenderer;
import org.streamvault.images.WaveformRenderer;
import org.streamvault.segments.SegmentStore;

/**
 * The still-image processors of {@code routes/images.camel.yaml}: {@code frameImage},
 * {@code thumbnailImage} and {@code waveformImage}. They use the cuts' ffmpeg, ffprobe and kill
 * grace ({@code streamvault.cut.*}) and the limits of {@code streamvault.images.*}. Lazy, because
 * they need {@code segmentStore} and {@code nodeDatabase} from other configuration classes.
 */
@Configuration
public class ImageBeans implements CamelConfiguration {
    @PropertyInject(value = "streamvault.cut.ffmpeg", defaultValue = "ffmpeg")
    private String ffmpeg;
    @PropertyInject(value = "streamvault.cut.ffprobe", defaultValue = "ffprobe")
    private String ffprobe;
    @PropertyInject(value = "streamvault.cut.kill-grace-seconds", defaultValue = "2")
    private int killGraceSeconds;
    @PropertyInject(value = "streamvault.images.max-template-bytes", defaultValue = "1048576")
    private int maxTemplateBytes;
    @PropertyInject(value = "streamvault.images.max-pixels", defaultValue = "8294400")
    private long maxPixels;
    @PropertyInject(value = "streamvault.images.waveform-max-width", defaultValue = "4000")
    private int waveformMaxWidth;
    @PropertyInject(value = "streamvault.images.waveform-max-height", defaultValue = "1000")
    private int waveformMaxHeight;
    @PropertyInject(value = "streamvault.images.waveform-max-seconds", defaultValue = "7200")
    private long waveformMaxSeconds;
    @PropertyInject(value = "streamvault.images.waveform-color", defaultValue = "3a7bd5")
    private String waveformColor;

    @BindToRegistry(value = "frameImage", lazy = true)
    public FrameProcessor frameImage(CamelContext camelContext) {
        return new FrameProcessor(store(camelContext), new FrameGrabber(ffmpeg, ffprobe), killGrace());
    }

    @BindToRegistry(value = "thumbnailImage", lazy = true)
    public ThumbnailProcessor thumbnailImage(CamelContext camelContext) {
        return new ThumbnailProcessor(store(camelContext), new FrameGrabber(ffmpeg, ffprobe),
                camelContext.getRegistry().lookupByNameAndType("nodeDatabase", NodeDatabase.class), maxTemplateBytes,
                maxPixels, killGrace());
    }

    /**
     * The one thumbnail renderer, shared by the editor's {@code /thrimshim/event-thumbnail} and the
     * cutter, so both make the same image from a row.
     */
    @BindToRegistry(value = "thumbnailRenderer", lazy = true)
    public ThumbnailRenderer thumbnailRenderer(CamelContext camelContext) {
        NodeDatabase db = camelContext.getRegistry().lookupByNameAndType("nodeDatabase", NodeDatabase.class);
        TemplateStore templates = db != null && db.isConfigured() ? new TemplateStore(db.require("thumbnail templates"))
                : null;
        return new ThumbnailRenderer(store(camelContext), new FrameGrabber(ffmpeg, ffprobe), () -> templates, maxPixels);
    }

    @BindToRegistry(value = "waveformImage", lazy = true)
    public WaveformProcessor waveformImage(CamelContext camelContext) {
        int rgb;
        try {
            rgb = Integer.parseInt(waveformColor.strip().replaceFirst("^#", ""), 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("streamvault.images.waveform-color must be a hex colour like 3a7bd5, not '"
                    + waveformColor + "'");
        }
        return new WaveformProcessor(store(camelContext), new WaveformRenderer(ffmpeg), waveformMaxWidth,
                waveformMaxHeight, waveformMaxSeconds, rgb, killGrace());
    }

    private Duration killGrace() {
        return Duration.ofSeconds(killGraceSeconds);
    }

    private static SegmentStore store(CamelContext camelContext) {
        return camelContext.getRegistry().lookupByNameAndType("segmentStore", SegmentStore.class);
    }
}

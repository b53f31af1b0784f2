package org.streamvault.images;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * A thumbnail as wubloader composes one: the frame's {@code crop} box is scaled into the
 * template's {@code location} box on a transparent canvas the size of the template, and the
 * template is drawn over it with its own alpha, so the frame shows through the template's
 * transparent parts only.
 */
public final class ThumbnailComposer {
    private ThumbnailComposer() {
    }

    /**
     * @throws IllegalArgumentException (one line) if {@code crop} is empty or outside the frame, or
     *                                  {@code location} empty or outside the template
     */
    public static BufferedImage compose(BufferedImage frame, BufferedImage template, Box crop, Box location) {
        crop.checkInside("crop", "the frame", frame.getWidth(), frame.getHeight());
        location.checkInside("location", "the template", template.getWidth(), template.getHeight());
        BufferedImage out = new BufferedImage(template.getWidth(), template.getHeight(), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(frame, location.left(), location.top(), location.right(), location.bottom(),
                    crop.left(), crop.top(), crop.right(), crop.bottom(), null);
            g.setComposite(AlphaComposite.SrcOver);
            g.drawImage(template, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}

package org.streamvault.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/** Thumbnail templates made in the test, so a test knows every pixel it later looks for. */
public final class TestImages {
    /** The opaque colour of {@link #holeTemplate()}. */
    public static final int RED = 0xffff0000;

    private TestImages() {
    }

    /** A 200x120 PNG, opaque {@link #RED} but for a transparent hole at (20,10)-(120,70). */
    public static byte[] holeTemplate() throws IOException {
        BufferedImage t = new BufferedImage(200, 120, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = t.createGraphics();
        g.setColor(new Color(RED, true));
        g.fillRect(0, 0, 200, 120);
        g.dispose();
        for (int y = 10; y < 70; y++) {
            for (int x = 20; x < 120; x++) {
                t.setRGB(x, y, 0);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(t, "png", out);
        return out.toByteArray();
    }
}

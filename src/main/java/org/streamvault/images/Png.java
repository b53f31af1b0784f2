package org.streamvault.images;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Reading and writing PNGs with Java's own image I/O. Reading checks the signature and the
 * declared size before decoding, so a small file claiming a huge image (a decompression bomb)
 * is refused without allocating it. Nothing is cached on disk.
 */
public final class Png {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private Png() {
    }

    /** True if {@code bytes} start with the PNG signature. */
    public static boolean hasSignature(byte[] bytes) {
        return bytes != null && bytes.length >= SIGNATURE.length
                && Arrays.equals(bytes, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length);
    }

    /**
     * @param what the image's name, for the message
     * @throws IllegalArgumentException (one line) if it is not a PNG, cannot be read or has more
     *                                  than {@code maxPixels} pixels
     */
    public static BufferedImage read(byte[] bytes, long maxPixels, String what) {
        if (!hasSignature(bytes)) {
            throw new IllegalArgumentException(what + " is not a PNG (no PNG signature)");
        }
        return read(new ByteArrayInputStream(bytes), maxPixels, what);
    }

    /** As {@link #read(byte[], long, String)}, from a stream (read only as far as the image goes). */
    public static BufferedImage read(InputStream in, long maxPixels, String what) {
        ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
        try (ImageInputStream iis = new MemoryCacheImageInputStream(in)) {
            reader.setInput(iis, true, true);
            long width;
            long height;
            try {
                width = reader.getWidth(0);
                height = reader.getHeight(0);
            } catch (IOException | RuntimeException e) {
                throw unreadable(what, e);
            }
            if (width * height > maxPixels) {
                throw new IllegalArgumentException(what + " is too large (" + width + "x" + height + "; at most "
                        + maxPixels + " pixels)");
            }
            try {
                return reader.read(0);
            } catch (IOException | RuntimeException e) {
                throw unreadable(what, e);
            }
        } catch (IOException e) {
            throw unreadable(what, e);
        } finally {
            reader.dispose();
        }
    }

    private static IllegalArgumentException unreadable(String what, Exception e) {
        return new IllegalArgumentException(what + " is not a readable PNG (" + e.getMessage() + ")");
    }

    /** The image as PNG bytes (a thumbnail-sized answer; the caller bounds the size). */
    public static byte[] write(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

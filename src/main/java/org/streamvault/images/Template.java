package org.streamvault.images;

/**
 * A thumbnail template: a PNG drawn over the frame, and where the frame goes.
 *
 * @param crop     the part of the frame to use (left, top, right, bottom)
 * @param location where in the template the cropped frame is placed
 */
public record Template(String name, byte[] image, Box crop, Box location) {
}

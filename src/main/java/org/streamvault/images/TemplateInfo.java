package org.streamvault.images;

/**
 * A thumbnail template's metadata, as {@code /thrimshim/templates} lists it (wubloader's columns
 * but the image).
 *
 * @param attribution added to the description of every video whose thumbnail uses the template
 *                    (empty for none)
 * @param crop        the part of the frame used by default
 * @param location    where in the template the cropped frame goes by default
 */
public record TemplateInfo(String name, String description, String attribution, Box crop, Box location) {
}

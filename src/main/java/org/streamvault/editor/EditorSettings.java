package org.streamvault.editor;

import java.util.List;

/**
 * What the editor API adds to rows and checks on saves (the thrimshim options).
 *
 * @param defaultChannel   channel offered when a row has none yet
 * @param titlePrefix      stored titles are {@code <prefix> - <title>}; empty for none
 * @param descriptionFooter appended to stored descriptions after a blank line; empty for none
 * @param uploadLocations  locations offered to editors, the first being the default
 * @param eventStart       start of the whole event (ISO-8601), for "event time" display; may be empty
 * @param maxThumbnailBytes the largest custom thumbnail (PNG) an edit may carry
 */
public record EditorSettings(String defaultChannel, String titlePrefix, String descriptionFooter,
        List<String> uploadLocations, String eventStart, int maxThumbnailBytes) {
    /** A save without a custom thumbnail is a few KB; this is far above any real one. */
    static final int MAX_EDIT_BYTES = 64 * 1024;

    /** YouTube refuses longer titles. */
    public static final int MAX_TITLE_LENGTH = 100;
    /** YouTube refuses longer descriptions. */
    public static final int MAX_DESCRIPTION_LENGTH = 5000;

    public EditorSettings {
        uploadLocations = List.copyOf(uploadLocations);
    }

    /** What goes before every stored title: {@code "<prefix> - "}, or nothing. */
    public String titleHeader() {
        return titlePrefix.isEmpty() ? "" : titlePrefix + " - ";
    }

    /** What goes after every stored description: a blank line and the footer, or nothing. */
    public String descriptionTail() {
        return descriptionFooter.isEmpty() ? "" : "\n\n" + descriptionFooter;
    }

    /** The longest title an editor may type, the header counted against YouTube's limit. */
    public int titleMaxLength() {
        return MAX_TITLE_LENGTH - length(titleHeader());
    }

    /** The stored form of an editor's title. */
    public String storedTitle(String title) {
        return titleHeader() + title;
    }

    /** The stored form of an editor's description. */
    public String storedDescription(String description) {
        return description + descriptionTail();
    }

    /** The editor's form of a stored title: the header removed, so a save round-trips unchanged. */
    public String editableTitle(String stored) {
        String header = titleHeader();
        return stored != null && !header.isEmpty() && stored.startsWith(header) ? stored.substring(header.length()) : stored;
    }

    /**
     * The stored form of an editor's description whose thumbnail uses a template with an
     * attribution: the attribution after a blank line, then the footer.
     */
    public String storedDescription(String description, String attribution) {
        return attribution == null || attribution.isEmpty() ? storedDescription(description)
                : storedDescription(description + "\n\n" + attribution);
    }

    /** The editor's form of a stored description: footer and the template's attribution removed. */
    public String editableDescription(String stored, String attribution) {
        String d = editableDescription(stored);
        String line = "\n\n" + attribution;
        return d != null && attribution != null && !attribution.isEmpty() && d.endsWith(line)
                ? d.substring(0, d.length() - line.length()) : d;
    }

    /** The largest save body: an edit plus a custom thumbnail in base64. */
    public int maxSaveBytes() {
        return MAX_EDIT_BYTES + (maxThumbnailBytes + 2) / 3 * 4;
    }

    /** The editor's form of a stored description: the footer removed. */
    public String editableDescription(String stored) {
        String tail = descriptionTail();
        return stored != null && !tail.isEmpty() && stored.endsWith(tail)
                ? stored.substring(0, stored.length() - tail.length()) : stored;
    }

    /** Length as YouTube counts it: characters, not UTF-16 units. */
    static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}

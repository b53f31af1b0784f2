package org.streamvault.images;

/**
 * A rectangle in an image, in wubloader's order: {@code left, top, right, bottom} pixels, left and
 * top inclusive, right and bottom exclusive (so {@code 0,0,1280,720} is a whole 1280x720 image).
 * Stored in the database as a {@code box_coords} (an {@code INTEGER[]} of four).
 */
public record Box(int left, int top, int right, int bottom) {

    /** The whole of a {@code width} x {@code height} image. */
    public static Box whole(int width, int height) {
        return new Box(0, 0, width, height);
    }

    /**
     * Parses {@code "l,t,r,b"}.
     *
     * @param what the parameter's name, for the message
     * @throws IllegalArgumentException (one line) unless it is exactly four integers
     */
    public static Box parse(String what, String text) {
        String[] parts = text.split(",", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException(what + " must be four integers left,top,right,bottom, not '" + text + "'");
        }
        int[] v = new int[4];
        for (int i = 0; i < 4; i++) {
            try {
                v[i] = Integer.parseInt(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + " must be four integers left,top,right,bottom, not '" + text + "'");
            }
        }
        return new Box(v[0], v[1], v[2], v[3]);
    }

    /** From a database {@code box_coords}; {@code null} stays {@code null}. */
    public static Box of(Integer[] coords) {
        if (coords == null) {
            return null;
        }
        if (coords.length != 4 || java.util.Arrays.asList(coords).contains(null)) {
            throw new IllegalArgumentException("a box needs four integers, not " + java.util.Arrays.toString(coords));
        }
        return new Box(coords[0], coords[1], coords[2], coords[3]);
    }

    public int width() {
        return right - left;
    }

    public int height() {
        return bottom - top;
    }

    /**
     * @param what  the box's name, for the message
     * @param image what the box is in, for the message ("the frame", "the template")
     * @throws IllegalArgumentException (one line) if the box is empty or reaches outside
     *                                  {@code width} x {@code height}
     */
    public Box checkInside(String what, String image, int width, int height) {
        if (right <= left || bottom <= top) {
            throw new IllegalArgumentException(what + " " + this + " is empty: right must exceed left and bottom top");
        }
        if (left < 0 || top < 0 || right > width || bottom > height) {
            throw new IllegalArgumentException(what + " " + this + " reaches outside " + image + " (" + width + "x"
                    + height + ")");
        }
        return this;
    }

    @Override
    public String toString() {
        return left + "," + top + "," + right + "," + bottom;
    }
}

package org.streamvault.segments;

/**
 * Raised by selection with {@code allowHoles=false} at the first hole found, so that a
 * caller that would reject a result with holes stops scanning early.
 */
public class ContainsHolesException extends Exception {
    public ContainsHolesException(String message) {
        super(message);
    }
}

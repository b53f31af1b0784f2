package org.streamvault.sheetsync;

/** The spreadsheet could not be read or written (after retries): one line saying why. */
public final class SheetsApiException extends Exception {
    private static final long serialVersionUID = 1L;

    public SheetsApiException(String message, Throwable cause) {
        super(message, cause);
    }
}

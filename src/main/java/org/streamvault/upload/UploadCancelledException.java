package org.streamvault.upload;

/** The job changed under the uploader before it finalized; the upload must be abandoned quietly. */
public class UploadCancelledException extends Exception {
    public UploadCancelledException(String message) {
        super(message);
    }
}

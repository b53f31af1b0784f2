package org.streamvault.upload.youtube;

import java.io.IOException;
import java.io.InputStream;
import org.streamvault.upload.UploadBackend.Finalizer;
import org.streamvault.upload.UploadCancelledException;
import org.streamvault.upload.VideoSource;

/**
 * The cut video as {@code MediaHttpUploader} reads it, with the finalize hook at its end.
 *
 * <p>Why the end of this stream is the right moment: given content of unknown length, the
 * uploader fills each chunk into a buffer, reading one byte beyond it, before it sends the
 * request that carries the chunk. So the read that returns end-of-stream happens while the
 * last chunk is being assembled, after every earlier chunk was acknowledged (308) and before
 * the request that completes the upload (and so creates the video) is started. Finalizing
 * there means a cancelled job has sent everything but the last bytes of an upload session
 * that YouTube discards after a while, and created nothing.
 *
 * <p>Before finalizing, the source is closed: a cutter that reports ffmpeg's failure when its
 * output is closed thereby fails the upload while no video can exist yet.
 *
 * <p>The source is opened on the first read, that is after the upload session was created,
 * so a refused upload does not start a cut.
 */
final class FinalizingVideoStream extends InputStream {
    private final VideoSource source;
    private final Finalizer finalizer;
    private InputStream in;
    private boolean ended;
    private boolean sourceClosed;
    private boolean finalized;
    private IOException sourceFailure;
    private UploadCancelledException cancellation;

    FinalizingVideoStream(VideoSource source, Finalizer finalizer) {
        this.source = source;
        this.finalizer = finalizer;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (ended) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        int n;
        try {
            if (in == null) {
                in = source.open();
            }
            n = in.read(buffer, offset, length);
        } catch (IOException e) {
            throw sourceFailed(e);
        }
        if (n >= 0) {
            return n;
        }
        ended = true;
        sourceClosed = true;
        try {
            in.close();
        } catch (IOException e) {
            throw sourceFailed(e);
        }
        try {
            finalizer.finalizeNow();
        } catch (UploadCancelledException e) {
            cancellation = e;
            throw new IOException("upload cancelled before its last chunk: " + e.getMessage(), e);
        }
        finalized = true;
        return -1;
    }

    private IOException sourceFailed(IOException e) {
        sourceFailure = e;
        ended = true;
        return new IOException("reading the video failed: " + e.getMessage(), e);
    }

    /** True once the finalizer returned: from here on the video may exist. */
    boolean finalized() {
        return finalized;
    }

    /** True once the upload session existed and the uploader began reading the video. */
    boolean started() {
        return in != null;
    }

    /** The source's own failure (a failed cut), or null. */
    IOException sourceFailure() {
        return sourceFailure;
    }

    /** Why the finalizer refused, or null. */
    UploadCancelledException cancellation() {
        return cancellation;
    }

    /** Closes the source if the upload stopped before its end; never throws, the outcome is decided elsewhere. */
    @Override
    public void close() {
        ended = true;
        if (in != null && !sourceClosed) {
            sourceClosed = true;
            try {
                in.close();
            } catch (IOException ignored) {
                // the upload already failed or was abandoned; this failure adds nothing
            }
        }
    }
}

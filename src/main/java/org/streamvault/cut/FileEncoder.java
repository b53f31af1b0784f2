package org.streamvault.cut;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs an ffmpeg whose output is a file (a spooled mp4, an image), to its end. The cut library
 * runs its own ffmpegs as child processes; a node hands it one of these so the spooled encodes of
 * the cutter run as a Camel route instead ({@code cut-spool-to-file}, camel-exec), with their own
 * counts and timings. No Camel here: the adapter lives under {@code processors/}.
 */
@FunctionalInterface
public interface FileEncoder {
    /**
     * Runs {@code command} (executable first), which writes {@code output}; returns once ffmpeg has
     * exited successfully and {@code output} exists.
     *
     * @throws CutFailedException when ffmpeg failed, with the end of what it wrote to stderr
     */
    void encode(List<String> command, Path output) throws IOException;
}

package org.streamvault.cut;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.exec.ExecBinding;

/**
 * After {@code exec:}: ffmpeg's exit value decides. Not 0 (it failed, or the endpoint's timeout
 * killed it): a {@link CutFailedException} with the end of ffmpeg's stderr on one line. 0: the
 * body becomes the output file's path, for the caller to read (and upload) as a stream.
 */
public final class FfmpegExecResult implements Processor {
    /** The most of stderr a failure quotes: its end, where ffmpeg says what went wrong. */
    static final int STDERR_TAIL_CHARS = 4096;

    @Override
    public void process(Exchange exchange) throws IOException {
        String output = exchange.getProperty(FfmpegExecArgs.OUTPUT, String.class);
        Integer exit = exchange.getIn().getHeader(ExecBinding.EXEC_EXIT_VALUE, Integer.class);
        if (exit == null || exit != 0) {
            String said = stderrTail(exchange.getIn().getHeader(ExecBinding.EXEC_STDERR, InputStream.class));
            throw new CutFailedException("ffmpeg failed (exit " + exit + ")" + (said.isEmpty() ? "" : ": " + said));
        }
        if (output == null || !Files.isRegularFile(Path.of(output))) {
            throw new CutFailedException("ffmpeg exited 0 but did not write " + output);
        }
        exchange.getIn().setBody(output);
    }

    /**
     * The end of stderr on one line. camel-exec has collected all of it in memory already; with
     * {@code -loglevel error} that is a few lines, not video.
     */
    static String stderrTail(InputStream stderr) throws IOException {
        if (stderr == null) {
            return "";
        }
        String text = new String(stderr.readAllBytes(), StandardCharsets.UTF_8).strip();
        if (text.length() > STDERR_TAIL_CHARS) {
            text = "..." + text.substring(text.length() - STDERR_TAIL_CHARS);
        }
        return text.replaceAll("\\s*\n\\s*", " | ");
    }
}

package org.streamvault.cut;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * The cutter's ffmpeg runs with a file output as a Camel route: sends the command and its output
 * file to a {@code direct:cut-…} route ({@code routes/cuts.camel.yaml}: {@link #SPOOL} for the
 * mp4 spool, {@link #THUMBNAIL_FRAME} for the thumbnail's frame), which runs ffmpeg with
 * camel-exec, and fails as the cut library's own runs do, with a {@link CutFailedException}.
 */
public final class ExecSpoolEncoder implements FileEncoder {
    public static final String SPOOL = "direct:cut-spool-to-file";
    public static final String THUMBNAIL_FRAME = "direct:cut-thumbnail-frame-to-file";

    private final CamelContext camelContext;
    private final String endpoint;
    private volatile ProducerTemplate template;

    public ExecSpoolEncoder(CamelContext camelContext, String endpoint) {
        this.camelContext = camelContext;
        this.endpoint = endpoint;
    }

    @Override
    public void encode(List<String> command, Path output) throws IOException {
        Exchange done = template().send(endpoint, exchange -> {
            exchange.getIn().setHeader(FfmpegExecArgs.COMMAND, List.copyOf(command));
            exchange.getIn().setBody(output.toAbsolutePath().toString());
        });
        Exception e = done.getException();
        if (e instanceof IOException io) {
            throw io;
        }
        if (e != null) {
            throw new CutFailedException("the " + endpoint + " route failed: " + e.getMessage(), e);
        }
        if (!output.toAbsolutePath().toString().equals(done.getMessage().getBody(String.class))) {
            throw new CutFailedException("the " + endpoint + " route handed back "
                    + done.getMessage().getBody(String.class) + ", not " + output);
        }
    }

    private ProducerTemplate template() {
        ProducerTemplate t = template;
        if (t == null) {
            synchronized (this) {
                t = template;
                if (t == null) {
                    t = camelContext.createProducerTemplate();
                    template = t;
                }
            }
        }
        return t;
    }
}

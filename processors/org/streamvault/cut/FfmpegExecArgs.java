package org.streamvault.cut;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.exec.ExecBinding;

/**
 * Before {@code exec:}: turns the ffmpeg command the cut library built ({@link FfmpegCommands},
 * header {@link #COMMAND}) into the exec endpoint's executable and argument headers. The arguments
 * go as a list, so camel-exec passes each one as it is (no splitting on spaces, no quoting). The
 * output file moves to a property (exec replaces the body with its result) and the body is
 * emptied, so exec feeds ffmpeg no stdin.
 */
public final class FfmpegExecArgs implements Processor {
    /** The command, executable first: a {@code List<String>}. */
    public static final String COMMAND = "streamvaultFfmpegCommand";
    /** The file the command writes (a {@code String} path), the route's result. */
    public static final String OUTPUT = "streamvaultFfmpegOutput";

    @Override
    public void process(Exchange exchange) {
        List<?> command = exchange.getIn().getHeader(COMMAND, List.class);
        if (command == null || command.isEmpty()) {
            throw new IllegalArgumentException("no ffmpeg command in header " + COMMAND);
        }
        exchange.setProperty(OUTPUT, exchange.getIn().getBody(String.class));
        exchange.getIn().removeHeader(COMMAND);
        exchange.getIn().setHeader(ExecBinding.EXEC_COMMAND_EXECUTABLE, command.get(0).toString());
        exchange.getIn().setHeader(ExecBinding.EXEC_COMMAND_ARGS,
                command.subList(1, command.size()).stream().map(Object::toString).toList());
        exchange.getIn().setBody(null);
    }
}

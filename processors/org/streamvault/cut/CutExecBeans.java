package org.streamvault.cut;

import org.apache.camel.BindToRegistry;
import org.apache.camel.Configuration;

/** The processors of the {@code cut-…} routes ({@code routes/cuts.camel.yaml}) around {@code exec:ffmpeg}. */
@Configuration
public class CutExecBeans {
    @BindToRegistry("cutFfmpegExecArgs")
    public FfmpegExecArgs cutFfmpegExecArgs() {
        return new FfmpegExecArgs();
    }

    @BindToRegistry("cutFfmpegExecResult")
    public FfmpegExecResult cutFfmpegExecResult() {
        return new FfmpegExecResult();
    }
}

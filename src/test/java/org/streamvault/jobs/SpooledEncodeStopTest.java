package org.streamvault.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.cut.CutPart;
import org.streamvault.cut.CutRange;
import org.streamvault.cut.CutRequest;
import org.streamvault.cut.CutStream;
import org.streamvault.cut.CutType;
import org.streamvault.cut.Cutter;
import org.streamvault.cut.ExecSpoolEncoder;
import org.streamvault.segments.SegmentStore;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.Await;
import org.streamvault.testing.ProcessWatch;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestNode;

/**
 * The cutter's spooled mp4 encode runs through camel-exec (route {@code cut-spool-to-file}),
 * which gives no handle to stop its process; closing the cut (the node stopping, an upload given
 * up) must stop that ffmpeg all the same (it does: the cut's temp directory, with the encode's
 * FIFO inputs and output, goes), and the cut's read fails instead of handing out a file made of
 * part of the range. ffmpeg reads at real-time speed here ({@code -readrate 1}), so the 50 s
 * encode would run for most of a minute on its own.
 */
class SpooledEncodeStopTest {
    @Test
    void closingTheCutStopsTheExecRoutesFfmpeg(@TempDir Path dir) throws Exception {
        long t0 = Timestamps.parseUtc("2026-11-20T14:00:00");
        new StoreBuilder(dir.resolve("store"), "chan", "src").addMedia(t0, 30, "2.000");
        Path slowFfmpeg = dir.resolve("realtime-ffmpeg");
        Files.writeString(slowFfmpeg, "#!/bin/sh\nexec ffmpeg -readrate 1 \"$@\"\n");
        Files.setPosixFilePermissions(slowFfmpeg, PosixFilePermissions.fromString("rwx------"));
        Path tmp = dir.resolve("cut-tmp");
        try (TestNode node = TestNode.start(dir.resolve("store"), "streamvault.cut.temp-dir", tmp.toString(),
                "streamvault.cut.ffmpeg", slowFfmpeg.toString())) {
            Cutter cutter = node.camelContext().getRegistry().lookupByNameAndType("videoCutter", Cutter.class)
                    .withSpoolEncoder(new ExecSpoolEncoder(node.camelContext(), ExecSpoolEncoder.SPOOL));
            long start = t0 + Timestamps.MICROS_PER_SECOND;
            long end = t0 + 51 * Timestamps.MICROS_PER_SECOND;
            CutRequest mp4 = new CutRequest(CutType.MP4, List.of(new CutPart(new CutRange(start, end),
                    new SegmentStore(dir.resolve("store")).select("chan", "src", start, end, false))));
            CutStream cut = cutter.open(mp4);
            CompletableFuture<Integer> firstRead = CompletableFuture.supplyAsync(() -> {
                try (InputStream in = cut) {
                    return in.read(new byte[4096]);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Await.until("the spooled encode's ffmpeg to run", ProcessWatch.STOP_TIMEOUT,
                    () -> ProcessWatch.ffmpegChildren().stream().anyMatch(c -> c.contains("-readrate")));

            cut.close();

            ProcessWatch.awaitNoFfmpegChildren();
            assertThatThrownBy(() -> firstRead.get(ProcessWatch.STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(IOException.class);
            ProcessWatch.awaitEmpty(tmp);
            assertThat(Files.exists(tmp)).isTrue();
        }
    }
}

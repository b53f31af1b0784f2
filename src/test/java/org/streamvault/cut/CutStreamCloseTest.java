package org.streamvault.cut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.streamvault.testing.ProcessWatch;

/** A consumer that stops reading and closes leaves no ffmpeg, no temp file and no blocked reader. */
class CutStreamCloseTest {
    @TempDir
    static Path store;
    @TempDir
    Path tmp;

    static CutFixture fixture;

    @BeforeAll
    static void storeSegments() throws Exception {
        fixture = new CutFixture(store, 30);
    }

    private CutStream open(CutType type) throws Exception {
        return new Cutter(CutSettings.defaults().withTempDir(tmp)).open(fixture.request(type, 1.0, 59.0));
    }

    @ParameterizedTest
    @EnumSource(value = CutType.class, names = {"FAST", "SMART", "MPEGTS"})
    void closingAfterTheFirstBytesStopsFfmpeg(CutType type) throws Exception {
        CutStream cut = open(type);
        assertThat(cut.read(new byte[1000])).isPositive();
        assertThat(ProcessWatch.ffmpegChildren()).isNotEmpty();

        cut.close();

        ProcessWatch.awaitNoFfmpegChildren();
        ProcessWatch.awaitEmpty(tmp);
        assertThatThrownBy(() -> cut.read(new byte[10])).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    @Test
    void closingWhileAnotherThreadWaitsForTheMp4SpoolWakesItAndStopsFfmpeg() throws Exception {
        CutStream cut = open(CutType.MP4);
        CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return cut.read(new byte[100]);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        ProcessWatch.await(() -> ProcessWatch.ffmpegChildren().stream().anyMatch(c -> c.contains("ffmpeg")),
                "the mp4 encode to start");

        cut.close();

        assertThatThrownBy(() -> reader.get(10, TimeUnit.SECONDS)).hasMessageContaining("closed");
        ProcessWatch.awaitNoFfmpegChildren();
        ProcessWatch.awaitEmpty(tmp);
    }

    @Test
    void aCompleteReadLeavesNoTempFileEvenBeforeClose() throws Exception {
        try (CutStream cut = open(CutType.SMART)) {
            cut.transferTo(java.io.OutputStream.nullOutputStream());
            ProcessWatch.awaitEmpty(tmp);
            assertThat(ProcessWatch.ffmpegChildren()).isEmpty();
        }
    }

    @Test
    void holesAreSkippedWhenAllowed(@TempDir Path other) throws Exception {
        CutFixture gappy = new CutFixture(other, 8, 3);
        CutRequest request = new CutRequest(CutType.SMART, List.of(gappy.part(2.5, 9.2, true)));
        assertThat(request.parts().get(0).selection().hasHoles()).isTrue();

        try (CutStream cut = new Cutter(CutSettings.defaults().withTempDir(tmp)).open(request)) {
            Path out = tmp.resolveSibling(tmp.getFileName() + "-gappy.ts");
            try (var o = java.nio.file.Files.newOutputStream(out)) {
                cut.transferTo(o);
            }
            // 6.7 s asked, the 2 s of the missing segment skipped
            assertThat(org.streamvault.testing.MediaProbe.videoFrames(out) * CutFixture.FRAME)
                    .isCloseTo(4.7, org.assertj.core.api.Assertions.within(CutFixture.FRAME));
        }
    }
}

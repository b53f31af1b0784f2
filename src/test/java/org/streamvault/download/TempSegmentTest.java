package org.streamvault.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.SegmentHash;
import org.streamvault.segments.SegmentName;
import org.streamvault.segments.SegmentType;
import org.streamvault.segments.Timestamps;

class TempSegmentTest {
    @TempDir
    Path dir;

    private static final long START = Timestamps.parseUtc("2026-11-20T14:05:42.125");
    private static final byte[] BYTES = "some video bytes".getBytes(StandardCharsets.UTF_8);

    private TempSegment written() throws Exception {
        TempSegment t = TempSegment.create(dir, START, "2.002");
        t.write(BYTES, 0, 5);
        t.write(BYTES, 5, BYTES.length - 5);
        return t;
    }

    @Test
    void bytesGoToATempNameThenToTheFinalNameWithTheirHash() throws Exception {
        TempSegment t = written();
        SegmentName temp = SegmentName.parse(t.tempPath().getFileName().toString());
        assertThat(temp.type()).isEqualTo(SegmentType.TEMP);
        assertThat(t.tempPath().getParent()).isEqualTo(dir.resolve("2026-11-20T14"));

        Path done = t.finish(SegmentType.FULL);
        assertThat(done.getFileName().toString()).isEqualTo("05:42.125000-2.002-full-"
                + SegmentHash.encode(SegmentHash.newDigest().digest(BYTES)) + ".ts");
        assertThat(Files.readAllBytes(done)).isEqualTo(BYTES);
        assertThat(t.created()).isTrue();
        assertThat(files()).containsExactly(done);
    }

    @Test
    void anExistingFinalNameMeansTheTempFileIsDeleted() throws Exception {
        Path first = written().finish(SegmentType.FULL);
        TempSegment again = written();
        assertThat(again.finish(SegmentType.FULL)).isEqualTo(first);
        assertThat(again.created()).isFalse();
        assertThat(files()).containsExactly(first);
    }

    @Test
    void discardLeavesNothing() throws Exception {
        written().discard();
        assertThat(files()).isEmpty();
    }

    private java.util.List<Path> files() throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }
}

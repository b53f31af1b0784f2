package org.streamvault.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.SegmentHash;
import org.streamvault.segments.SegmentName;
import org.streamvault.segments.SegmentType;

class SegmentWriterTest {
    static final byte[] BYTES = "some video bytes".getBytes();
    static final String NAME = SegmentName.format(5_000_000, "2.0", SegmentType.FULL,
            SegmentHash.encode(SegmentHash.newDigest().digest(BYTES)));

    @TempDir
    Path dir;

    @Test
    void matchingBytesAreSavedUnderTheirNameAndNoTempIsLeft() throws IOException {
        Path hourDir = dir.resolve("c/q/2026-11-20T14");
        assertThat(SegmentWriter.save(new ByteArrayInputStream(BYTES), hourDir, NAME)).isEqualTo(FetchOutcome.SAVED);
        assertThat(Files.readAllBytes(hourDir.resolve(NAME))).isEqualTo(BYTES);
        assertThat(names(hourDir)).containsExactly(NAME);
    }

    @Test
    void mismatchingBytesLeaveNothing() throws IOException {
        assertThat(SegmentWriter.save(new ByteArrayInputStream("other".getBytes()), dir, NAME))
                .isEqualTo(FetchOutcome.HASH_MISMATCH);
        assertThat(names(dir)).isEmpty();
    }

    @Test
    void existingFileIsKept() throws IOException {
        Files.write(dir.resolve(NAME), BYTES);
        assertThat(SegmentWriter.save(new ByteArrayInputStream(new byte[0]), dir, NAME))
                .isEqualTo(FetchOutcome.ALREADY_PRESENT);
        assertThat(Files.readAllBytes(dir.resolve(NAME))).isEqualTo(BYTES);
    }

    @Test
    void fileThatAppearedDuringTheDownloadWinsAndTheTempGoes() throws IOException {
        InputStream racing = new ByteArrayInputStream(BYTES) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                int n = super.read(b, off, len);
                if (n < 0 && !Files.exists(dir.resolve(NAME))) {
                    try {
                        Files.write(dir.resolve(NAME), BYTES); // the local downloader got there first
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                return n;
            }
        };
        assertThat(SegmentWriter.save(racing, dir, NAME)).isEqualTo(FetchOutcome.ALREADY_PRESENT);
        assertThat(names(dir)).containsExactly(NAME);
    }

    @Test
    void brokenTransferDeletesTheTempFile() throws IOException {
        InputStream breaking = new InputStream() {
            int sent;

            @Override
            public int read() throws IOException {
                if (sent++ > 100_000) {
                    throw new IOException("Connection reset");
                }
                return 7;
            }
        };
        assertThatThrownBy(() -> SegmentWriter.save(breaking, dir, NAME)).hasMessage("Connection reset");
        assertThat(names(dir)).isEmpty();
    }

    @Test
    void tombstonesAreCreatedEmpty() throws IOException {
        String tombstone = NAME + ".tombstone";
        assertThat(SegmentWriter.save(new ByteArrayInputStream(new byte[0]), dir, tombstone))
                .isEqualTo(FetchOutcome.SAVED);
        assertThat(Files.size(dir.resolve(tombstone))).isZero();
    }

    @Test
    void tempNameIsATempSegmentOfTheSameStartAndDuration() {
        SegmentName temp = SegmentName.parse(SegmentWriter.tempName(SegmentName.parse(NAME)));
        assertThat(temp.type()).isEqualTo(SegmentType.TEMP);
        assertThat(temp.offsetMicros()).isEqualTo(5_000_000);
        assertThat(temp.durationText()).isEqualTo("2.0");
    }

    private static java.util.List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}

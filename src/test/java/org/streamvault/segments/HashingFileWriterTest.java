package org.streamvault.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashingFileWriterTest {
    @TempDir
    Path dir;

    /** More than two buffers' worth, not a multiple of the buffer: full flushes and a last partial one. */
    private static final byte[] BYTES = random(2 * HashingFileWriter.BUFFER + 12_345);

    @Test
    void aStreamReachesTheFileWhole() throws Exception {
        Path file = dir.resolve("a.ts");
        byte[] hash;
        try (HashingFileWriter w = HashingFileWriter.createNew(file)) {
            assertThat(w.transferFrom(new TrickleStream(BYTES, 70_000))).isEqualTo(BYTES.length);
            hash = w.digest();
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(BYTES);
        assertThat(hash).isEqualTo(SegmentHash.newDigest().digest(BYTES));
    }

    @Test
    void writesAndATransferAddUp() throws Exception {
        Path file = dir.resolve("b.ts");
        HashingFileWriter w = HashingFileWriter.createNew(file);
        w.write(BYTES, 0, 10);
        w.write(BYTES, 10, HashingFileWriter.BUFFER); // crosses the buffer's end
        w.transferFrom(new ByteArrayInputStream(BYTES, 10 + HashingFileWriter.BUFFER,
                BYTES.length - 10 - HashingFileWriter.BUFFER));
        assertThat(w.bytes()).isEqualTo(BYTES.length);
        byte[] hash = w.digest();
        assertThat(Files.readAllBytes(file)).isEqualTo(BYTES);
        assertThat(hash).isEqualTo(SegmentHash.newDigest().digest(BYTES));
    }

    @Test
    void aBrokenStreamKeepsEveryByteThatArrived() throws Exception {
        Path file = dir.resolve("c.ts");
        int before = HashingFileWriter.BUFFER + 1000; // one full buffer written, 1000 bytes still buffered
        HashingFileWriter w = HashingFileWriter.createNew(file);
        InputStream broken = new java.io.SequenceInputStream(new ByteArrayInputStream(BYTES, 0, before),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("connection reset");
                    }
                });
        assertThatThrownBy(() -> w.transferFrom(broken)).hasMessage("connection reset");
        assertThat(w.bytes()).isEqualTo(before);
        byte[] hash = w.digest();
        byte[] expected = Arrays.copyOf(BYTES, before);
        assertThat(Files.readAllBytes(file)).isEqualTo(expected);
        assertThat(hash).isEqualTo(SegmentHash.newDigest().digest(expected));
    }

    @Test
    void neverOverwritesAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("d.ts"), "there");
        assertThatThrownBy(() -> HashingFileWriter.createNew(file)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(file)).isEqualTo("there");
    }

    @Test
    void buffersAreReusedWithoutLeakingBytesIntoTheNextFile() throws Exception {
        try (HashingFileWriter w = HashingFileWriter.createNew(dir.resolve("e.ts"))) {
            w.transferFrom(new ByteArrayInputStream(BYTES));
        }
        Path small = dir.resolve("f.ts");
        byte[] hash;
        try (HashingFileWriter w = HashingFileWriter.createNew(small)) {
            w.write(new byte[] {1, 2, 3}, 0, 3);
            hash = w.digest();
        }
        assertThat(Files.readAllBytes(small)).containsExactly(1, 2, 3);
        assertThat(hash).isEqualTo(SegmentHash.newDigest().digest(new byte[] {1, 2, 3}));
    }

    @Test
    void aClosedWriterTakesNoMoreBytes() throws Exception {
        HashingFileWriter w = HashingFileWriter.createNew(dir.resolve("g.ts"));
        w.close();
        assertThatThrownBy(() -> w.write(BYTES, 0, 1)).isInstanceOf(IOException.class);
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(7).nextBytes(b);
        return b;
    }

    /** Hands out at most {@code chunk} bytes a read, as a socket does. */
    private static final class TrickleStream extends ByteArrayInputStream {
        private final int chunk;

        TrickleStream(byte[] bytes, int chunk) {
            super(bytes);
            this.chunk = chunk;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, chunk));
        }
    }
}

package org.streamvault.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.DirectoryStream;
import org.streamvault.segments.SegmentHash;
import org.streamvault.segments.SegmentName;
import org.streamvault.segments.SegmentType;
import org.streamvault.segments.Timestamps;

/** What a channel/quality directory of a store holds, for assertions: every file, parsed. */
public final class StoreContents {
    /** One file: its path, its parsed name and its absolute start time. */
    public record File(Path path, SegmentName name, long startMicros) {
        public SegmentType type() {
            return name.type();
        }

        public byte[] bytes() {
            try {
                return Files.readAllBytes(path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** True when the bytes hash to the name (not meaningful for temp). */
        public boolean hashMatches() {
            try (var in = Files.newInputStream(path)) {
                var d = SegmentHash.newDigest();
                byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    d.update(buf, 0, n);
                }
                return SegmentHash.encode(d.digest()).equals(name.hash());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private StoreContents() {
    }

    /** Every file under {@code baseDir/channel/quality}, any type, sorted by name. */
    public static List<File> list(Path baseDir, String channel, String quality) {
        Path dir = baseDir.resolve(channel).resolve(quality);
        List<File> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        // a directory stream, not Files.walk: files are renamed while we look, and walk would
        // fail on a temp name that has just become a final one
        try (DirectoryStream<Path> hours = Files.newDirectoryStream(dir)) {
            for (Path hourDir : hours) {
                long hour = Timestamps.parseHour(hourDir.getFileName().toString());
                try (DirectoryStream<Path> files = Files.newDirectoryStream(hourDir)) {
                    for (Path p : files) {
                        SegmentName n = SegmentName.parse(p.getFileName().toString());
                        out.add(new File(p, n, hour + n.offsetMicros()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(java.util.Comparator.comparing(f -> f.path().toString()));
        return out;
    }
}

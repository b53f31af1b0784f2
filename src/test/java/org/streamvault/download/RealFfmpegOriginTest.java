package org.streamvault.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.streamvault.download.demo.DemoOrigin;
import org.streamvault.segments.SegmentHash;
import org.streamvault.segments.SegmentType;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.StoreContents;
import org.streamvault.testing.TestMedia;

/**
 * The "done": a live stream that ffmpeg's own HLS muxer is writing, served by a plain web
 * server (the demo's origin), is recorded with every segment full and byte-identical to the
 * origin's files, and the restreamer's playlist of it plays in ffmpeg.
 */
class RealFfmpegOriginTest extends DownloaderTestSupport {
    private DemoOrigin live;

    @AfterEach
    void stopLive() {
        if (live != null) {
            live.close();
        }
    }

    @Test
    void aLiveFfmpegHlsStreamIsRecordedExactlyAndPlaysBack() throws Exception {
        live = DemoOrigin.start();
        Set<String> originHashes = new HashSet<>();
        node = org.streamvault.testing.TestNode.start(baseDir, "streamvault.downloader.enabled", "true",
                "streamvault.channels", CHANNEL, "streamvault.source." + CHANNEL, live.playlistUrl(),
                "streamvault.downloader.poll-interval-seconds", "0.5");
        long end = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (files().stream().filter(f -> f.type() == SegmentType.FULL).count() < 5) {
            collectHashes(live.directory(), originHashes);
            assertThat(System.nanoTime()).as("5 full segments within 40 s; store: %s", describe()).isLessThan(end);
            Thread.sleep(200);
        }
        collectHashes(live.directory(), originHashes);
        for (StoreContents.File f : files()) {
            assertThat(f.type()).as(f.path().toString()).isEqualTo(SegmentType.FULL);
            assertThat(f.hashMatches()).isTrue();
            assertThat(originHashes).as("an origin file with the bytes of %s", f.path()).contains(f.name().hash());
        }
        // a bounded range has an ENDLIST, so ffmpeg reads it to the end and stops
        long first = files().stream().mapToLong(StoreContents.File::startMicros).min().orElseThrow();
        long last = files().stream().mapToLong(f -> f.startMicros() + f.name().durationMicros()).max().orElseThrow();
        Path copy = baseDir.resolve("played.ts");
        TestMedia.ffmpeg(baseDir, "-i", node.url("/playlist/" + CHANNEL + "/" + QUALITY + ".m3u8?start="
                + Timestamps.formatIso(first) + "&end=" + Timestamps.formatIso(last)), "-c", "copy", copy.toString());
        String probed = TestMedia.ffprobe("-show_entries", "format=duration", "-of", "csv=p=0", copy.toString());
        assertThat(Double.parseDouble(probed.trim())).isGreaterThan(8.0);
    }

    /** Hashes of the finished segment files ffmpeg has written so far (they are deleted as the window slides). */
    private static void collectHashes(Path dir, Set<String> into) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(p -> p.getFileName().toString().matches("seg\\d+\\.ts")).toList()) {
                try {
                    into.add(SegmentHash.encode(SegmentHash.newDigest().digest(Files.readAllBytes(p))));
                } catch (java.nio.file.NoSuchFileException e) {
                    // deleted by ffmpeg between listing and reading
                }
            }
        }
    }
}

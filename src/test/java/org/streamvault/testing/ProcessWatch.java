package org.streamvault.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Leak checks for cuts: this JVM's ffmpeg/ffprobe children and temp directories. The waits are
 * short on purpose: a cut that was stopped must be gone within seconds, well before the ffmpeg
 * runs of these tests would end on their own.
 */
public final class ProcessWatch {
    /** How long a stopped cut may take to disappear (SIGTERM, then SIGKILL after 2 s). */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private ProcessWatch() {
    }

    /** Command lines of this JVM's descendant processes that are ffmpeg or ffprobe. */
    public static List<String> ffmpegChildren() {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse(p.info().command().orElse("?")))
                .filter(c -> c.contains("ffmpeg") || c.contains("ffprobe"))
                .toList();
    }

    public static void awaitNoFfmpegChildren() throws Exception {
        Await.until("no ffmpeg left", STOP_TIMEOUT, () -> ffmpegChildren().isEmpty());
    }

    /** Waits until {@code dir} is absent or holds nothing. */
    public static void awaitEmpty(Path dir) throws Exception {
        Await.until("temp directory " + dir + " to be emptied", STOP_TIMEOUT, () -> isEmpty(dir));
    }

    private static boolean isEmpty(Path dir) {
        if (!Files.exists(dir)) {
            return true;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}

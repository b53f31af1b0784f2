package org.streamvault.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** Waits for the test JVM's child processes and temp directories to settle: leak checks for cuts. */
public final class ProcessWatch {
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

    public static void awaitNoFfmpegChildren() throws InterruptedException {
        await(() -> ffmpegChildren().isEmpty(), "no ffmpeg left, but found " + ffmpegChildren());
    }

    /** Waits until {@code dir} is absent or holds nothing. */
    public static void awaitEmpty(Path dir) throws InterruptedException {
        await(() -> isEmpty(dir), "temp directory " + dir + " to be emptied");
    }

    public static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
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

package org.streamvault.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** Looking at a store from the outside in tests: its files as relative paths, and waiting for a condition. */
public final class StoreFiles {
    private StoreFiles() {
    }

    /** Every regular file under {@code baseDir}, as {@code channel/quality/hour/name}, sorted. */
    public static Set<String> of(Path baseDir) {
        Set<String> out = new TreeSet<>();
        if (!Files.isDirectory(baseDir)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(baseDir)) {
            files.filter(Files::isRegularFile).forEach(p -> out.add(baseDir.relativize(p).toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Polls {@code condition} every 50 ms until it holds or {@code millis} pass; returns the last answer. */
    public static boolean await(long millis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }
}

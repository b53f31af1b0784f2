package org.streamvault.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.TreeSet;

/** Looking at a store from the outside in tests: every file, as a relative path. */
public final class StoreFiles {
    private StoreFiles() {
    }

    /** Every regular file under {@code baseDir}, as {@code channel/quality/hour/name}, sorted. */
    public static Set<String> of(Path baseDir) {
        Set<String> out = new TreeSet<>();
        if (!Files.isDirectory(baseDir)) {
            return out;
        }
        try {
            // a writer may rename a temp file away mid-walk: a file that vanished is simply not listed
            Files.walkFileTree(baseDir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        out.add(baseDir.relativize(file).toString());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}

package org.streamvault.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The card's layout: Camel adapters (processors and beans the routes call) live under the
 * top-level {@code processors/}; {@code src/main/java} keeps the domain libraries, which import
 * nothing from Camel, and the two entry points. A class that needs Camel in the wrong tree fails
 * here, with its name.
 */
class LayoutTest {
    private static final Set<String> ENTRY_POINTS = Set.of("StreamvaultMain.java", "DemoMain.java");
    private static final String CAMEL_IMPORT = "import org.apache.camel";

    @Test
    void domainLibrariesHaveNoCamelImports() throws IOException {
        List<Path> offenders = javaFiles(Path.of("src/main/java"))
                .filter(f -> !ENTRY_POINTS.contains(f.getFileName().toString()))
                .filter(LayoutTest::importsCamel)
                .toList();
        assertEquals(List.of(), offenders, "Camel adapters belong under processors/");
    }

    @Test
    void processorsAreCamelAdapters() throws IOException {
        List<Path> files = javaFiles(Path.of("processors")).toList();
        assertFalse(files.isEmpty(), "processors/ holds the adapters");
        List<Path> notAdapters = files.stream().filter(f -> !importsCamel(f)).toList();
        assertEquals(List.of(), notAdapters, "classes without Camel belong under src/main/java");
    }

    private static Stream<Path> javaFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(f -> f.toString().endsWith(".java")).toList().stream();
        }
    }

    private static boolean importsCamel(Path file) {
        try {
            return Files.readString(file).contains(CAMEL_IMPORT);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

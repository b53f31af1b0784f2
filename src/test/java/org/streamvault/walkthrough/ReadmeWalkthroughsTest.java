package org.streamvault.walkthrough;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.streamvault.testing.TestNode;

/** The README shows each walkthrough script verbatim, so what it tells a user to run is what is tested. */
class ReadmeWalkthroughsTest {
    @Test
    void readmeShowsEveryScriptVerbatim() throws Exception {
        String readme = Files.readString(TestNode.projectRoot().resolve("README.md"));
        List<Path> scripts;
        try (Stream<Path> files = Files.list(Walkthrough.SCRIPTS)) {
            scripts = files.filter(p -> p.toString().endsWith(".sh")).sorted().toList();
        }
        assertThat(scripts).hasSizeGreaterThanOrEqualTo(11);
        for (Path script : scripts) {
            String text = Files.readString(script);
            assertThat(readme).as("README shows " + script.getFileName() + " verbatim in a sh block")
                    .contains("```sh\n" + text + "```\n");
        }
    }

    @Test
    void everyScriptIsRunByTheWalkthroughIT() throws Exception {
        String test = Files.readString(TestNode.projectRoot()
                .resolve("src/test/java/org/streamvault/walkthrough/WalkthroughIT.java"));
        try (Stream<Path> files = Files.list(Walkthrough.SCRIPTS)) {
            for (Path script : files.filter(p -> p.toString().endsWith(".sh")).toList()) {
                assertThat(test).as(script.getFileName() + " is run").contains("\"" + script.getFileName() + "\"");
            }
        }
    }
}

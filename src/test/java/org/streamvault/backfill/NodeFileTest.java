package org.streamvault.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeFileTest {
    @Test
    void readsOneAndTwoColumnLinesSkippingCommentsBlanksAndDuplicates() {
        String text = """
                # the cluster
                alpha http://10.0.0.1:8000
                
                http://10.0.0.2:8000/   # trailing slash and a comment
                   beta    http://10.0.0.3:8000\t
                gamma http://10.0.0.1:8000
                http://10.0.0.2:8000
                \r
                """;
        assertThat(NodeFile.parse(text, "nodes")).containsExactly(
                new Peer("alpha", "http://10.0.0.1:8000"),
                new Peer(null, "http://10.0.0.2:8000"),
                new Peer("beta", "http://10.0.0.3:8000"));
    }

    @Test
    void malformedLinesAreSkippedAndTheRestKept() {
        String text = "a b c\nnot-a-url\nok http://h:1\r\nftp://x\n";
        assertThat(NodeFile.parse(text, "nodes")).containsExactly(new Peer("ok", "http://h:1"));
    }

    @Test
    void emptyFileHasNoPeers() {
        assertThat(NodeFile.parse("", "nodes")).isEmpty();
        assertThat(NodeFile.parse("# nobody\n\n", "nodes")).isEmpty();
    }

    @Test
    void fileIsReReadOnEveryCall(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("nodes");
        Files.writeString(file, "a http://h:1\n");
        NodeFile source = new NodeFile(file);
        assertThat(source.peers()).containsExactly(new Peer("a", "http://h:1"));
        Files.writeString(file, "b http://h:2\n");
        assertThat(source.peers()).containsExactly(new Peer("b", "http://h:2"));
    }
}

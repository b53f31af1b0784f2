package org.streamvault.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemoteListingTest {
    static List<String> parse(String json) throws IOException {
        return RemoteListing.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "peer");
    }

    @Test
    void readsAListOfNames() throws IOException {
        assertThat(parse("[\"a\", \"b:c.ts\"]\n")).containsExactly("a", "b:c.ts");
        assertThat(parse("[]")).isEmpty();
    }

    @Test
    void anythingElseIsOneReadableLine() {
        for (String garbage : List.of("", "{}", "[1]", "[\"a\", null]", "[\"a\"", "<html>", "[\"a\"] [\"b\"]",
                "[[\"a\"]]")) {
            assertThatThrownBy(() -> parse(garbage)).as(garbage).isInstanceOf(IOException.class)
                    .hasMessageNotContaining("\n");
        }
        assertThatThrownBy(() -> RemoteListing.parse(null, "peer")).hasMessageContaining("empty answer");
    }

    @Test
    void endlessBodyIsCutOff() {
        InputStream endless = new InputStream() {
            long n;

            @Override
            public int read() {
                return n++ == 0 ? '[' : (n % 2 == 0 ? '"' : 'x');
            }
        };
        assertThatThrownBy(() -> RemoteListing.parse(endless, "peer")).isInstanceOf(IOException.class);
    }
}

package org.streamvault.restream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.CutChecker;
import org.streamvault.testing.CutMatrix;
import org.streamvault.testing.TestMedia;
import org.streamvault.testing.TestNode;

/**
 * {@code GET /cut} of every type but rough, as a viewer gets it, over the matrix's cross (every
 * shape, every kind: {@link CutMatrix#crossCases}); the whole matrix runs against the library.
 */
class CutRouteContinuityTest {
    @TempDir
    static Path dir;
    static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        CutMatrix.store(dir.resolve("store"));
        node = TestNode.start(dir.resolve("store"), "streamvault.cut.temp-dir", dir.resolve("tmp").toString());
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String type : List.of("fast", "smart", "mpegts", "mp4")) {
            for (Object[] c : CutMatrix.crossCases()) {
                out.add(Arguments.of(type, c[0], c[1]));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void cutPlaysContinuously(String type, TestMedia.Kind kind, CutMatrix.Shape shape) throws Exception {
        StringBuilder query = new StringBuilder("?type=" + type + "&allow_holes=" + shape.allowHoles());
        for (double[] r : shape.ranges(kind)) {
            query.append("&range=").append(Timestamps.formatIso(CutMatrix.at(r[0]))).append(',')
                    .append(Timestamps.formatIso(CutMatrix.at(r[1])));
        }
        String ext = type.equals("mp4") ? ".mp4" : ".ts";
        HttpResponse<byte[]> r = node.getBytes("/cut/" + CutMatrix.channel(kind) + "/" + shape.quality() + ext + query);

        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        CutChecker.assertPlaysAs(Files.write(dir.resolve(type + "-" + kind + "-" + shape + ext), r.body()), shape.length(kind));
    }
}

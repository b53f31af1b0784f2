package org.streamvault.restream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which raw request targets have a dot segment (SPEC §4: refused), and which do not. */
class DotSegmentsTest {
    @Test
    void dotSegmentsAnywhereEncodedOrNotArePresent() {
        for (String raw : new String[] {"/files/chan/..", "/files/chan/%2e%2e", "/files/chan/%2E%2E", "/files/.%2e/x",
            "/files/%2e./x", "/files/chan/.", "/files/chan/%2e", "/files/chan/%2E/", "/./files", "/..",
            "/files/..%2f..", "/files/..%2F", "/segments/a/b/..%5c..%5csecret", "/files/..\\x", "/files/%252e%252e",
            "/playlist/desertbus/./source.m3u8", "/files/chan/%2e%2e?start=2026", "/files/./"}) {
            assertThat(DotSegments.present(raw)).as(raw).isTrue();
        }
    }

    @Test
    void ordinaryPathsAreClean() {
        for (String raw : new String[] {"/", "/files", "/files/desertbus/source/2026-11-20T14",
            "/segments/desertbus/source/2026-11-20T14/05:42.125000-2.002-full-q9Xb.ts", "/playlist/desertbus/source.m3u8",
            "/files/.trash", "/files/...", "/files/a..b", "/files/x.", "/observe/jolokia/read/java.lang:type=Memory",
            "/files?x=/../..", "/coverage/desertbus/source.png", "/files/%2e%2ex"}) {
            assertThat(DotSegments.present(raw)).as(raw).isFalse();
        }
    }
}

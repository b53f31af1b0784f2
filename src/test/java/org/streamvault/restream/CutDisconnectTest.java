package org.streamvault.restream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.streamvault.segments.Timestamps;
import org.streamvault.testing.Await;
import org.streamvault.testing.ProcessWatch;
import org.streamvault.testing.StoreBuilder;
import org.streamvault.testing.TestMedia;
import org.streamvault.testing.TestNode;

/**
 * A client that drops the connection in the middle of a cut stops it: no ffmpeg left, no temp
 * file, no thread still reading. ffmpeg here reads its input at real-time speed (the real
 * ffmpeg, started with {@code -readrate 1}), so a 58 s cut would run for about a minute on its
 * own: ffmpeg gone within seconds proves the disconnect stopped it.
 */
class CutDisconnectTest {
    @TempDir
    static Path dir;
    static Path tmp;
    static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        StoreBuilder builder = new StoreBuilder(dir.resolve("store"), "chan", "src");
        builder.addMedia(Timestamps.parseUtc("2026-11-20T14:00:00"), 30, "2.000");
        Path slowFfmpeg = dir.resolve("realtime-ffmpeg");
        Files.writeString(slowFfmpeg, "#!/bin/sh\nexec ffmpeg -readrate 1 \"$@\"\n");
        Files.setPosixFilePermissions(slowFfmpeg, PosixFilePermissions.fromString("rwx------"));
        tmp = dir.resolve("cut-tmp");
        node = TestNode.start(dir.resolve("store"), "streamvault.cut.temp-dir", tmp.toString(),
                "streamvault.cut.ffmpeg", slowFfmpeg.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {".ts?type=mpegts", ".ts?type=smart", ".mp4?type=mp4"})
    void clientThatDisconnectsMidCutLeavesNoFfmpegNoTempFileNoBlockedThread(String pathAndType) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", node.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /cut/chan/src" + pathAndType + "&start=2026-11-20T14:00:01&end=2026-11-20T14:00:59"
                    + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (!pathAndType.contains("mp4")) {
                InputStream in = socket.getInputStream();
                assertThat(in.readNBytes(2000)).hasSize(2000);
            }
            Await.until("the cut's ffmpeg to run", ProcessWatch.STOP_TIMEOUT,
                    () -> ProcessWatch.ffmpegChildren().stream().anyMatch(c -> c.contains("-readrate")));
            socket.setSoLinger(true, 0); // close with a reset, as a killed client would
        }

        ProcessWatch.awaitNoFfmpegChildren();
        ProcessWatch.awaitEmpty(tmp);
        try {
            Await.until("no thread left inside a cut", ProcessWatch.STOP_TIMEOUT,
                    () -> Thread.getAllStackTraces().values().stream().noneMatch(CutDisconnectTest::inCut));
        } catch (AssertionError e) {
            StringBuilder left = new StringBuilder();
            Thread.getAllStackTraces().forEach((t, stack) -> {
                if (inCut(stack)) {
                    left.append("\n").append(t.getName()).append(":");
                    for (StackTraceElement el : stack) {
                        left.append("\n    at ").append(el);
                    }
                }
            });
            throw new AssertionError(e.getMessage() + left, e);
        }
    }

    @org.junit.jupiter.api.Test
    void aCutsFfmpegRunsBelowTheNodesPriority() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", node.port())) {
            socket.getOutputStream().write(("GET /cut/chan/src.ts?type=smart&start=2026-11-20T14:00:01&end=2026-11-20T14:00:59"
                    + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Await.until("the cut's ffmpeg to run", ProcessWatch.STOP_TIMEOUT,
                    () -> ProcessWatch.ffmpegChildren().stream().anyMatch(c -> c.contains("-readrate")));
            ProcessHandle ffmpeg = ProcessHandle.current().descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains("-readrate")).findFirst().orElseThrow();
            // /proc/PID/stat: field 19 is the nice value; the command (field 2) has no spaces here
            String[] stat = Files.readString(Path.of("/proc/" + ffmpeg.pid() + "/stat")).split(" ");
            assertThat(Integer.parseInt(stat[18])).as("nice value of " + ffmpeg.info().commandLine().orElse("?"))
                    .isEqualTo(10); // streamvault.cut.niceness, application.properties
            socket.setSoLinger(true, 0);
        }
        ProcessWatch.awaitNoFfmpegChildren();
    }

    private static boolean inCut(StackTraceElement[] stack) {
        for (StackTraceElement e : stack) {
            if (e.getClassName().startsWith("org.streamvault.cut.")) {
                return true;
            }
        }
        return false;
    }
}

package org.streamvault.walkthrough;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.streamvault.testing.Await;
import org.streamvault.testing.TestNode;

/**
 * Runs the README's walkthrough scripts ({@code docs/walkthroughs/*.sh}) with bash, as a user
 * would, in a fresh directory that stands for the checkout: {@code ./streamvault} there is a
 * two-line wrapper that execs the checkout's real launcher (a symlink would not do: the launcher
 * finds the checkout from its own path). The launcher starts the jar and {@code target/lib} that
 * {@code mvn package} made before this integration test ran ({@code STREAMVAULT_BUILD=never}: a
 * missing or stale build is an error, never Maven run from inside Maven).
 * Each script's output, and that of the nodes it starts, goes to {@code <name>.log}.
 */
final class Walkthrough {
    static final Path SCRIPTS = TestNode.projectRoot().resolve("docs/walkthroughs");
    private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s+at [\\w$.]+\\(|^Caused by: |Exception in thread");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final Path LAUNCHER = TestNode.projectRoot().resolve("streamvault");

    private final Path dir;
    private final List<Process> running = new ArrayList<>();

    Walkthrough(Path dir) throws IOException {
        this.dir = dir;
        Path root = TestNode.projectRoot();
        for (Path built : List.of(root.resolve("target/streamvault.jar"), root.resolve("target/lib/.streamvault-built"))) {
            if (!Files.exists(built)) {
                throw new IllegalStateException("no " + built + ": the walkthroughs run after `mvn package`"
                        + " (they are integration tests: mvn verify)");
            }
        }
        Path wrapper = dir.resolve("streamvault");
        Files.writeString(wrapper, "#!/usr/bin/env bash\nSTREAMVAULT_BUILD=never exec "
                + bashQuote(LAUNCHER.toString()) + " \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String bashQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    Path dir() {
        return dir;
    }

    /** Starts {@code script} in the background (a node that runs until stopped); {@code env}: name, value, ... */
    Process start(String script, String... env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPTS.resolve(script).toString()).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log(script).toFile()));
        Map<String, String> e = pb.environment();
        // the JDK running the tests (the launcher checks it is >= 21 with javac, else looks further);
        // C1 only: the nodes start faster, and run for seconds
        e.put("JAVA_HOME", System.getProperty("java.home"));
        e.put("JAVA_OPTS", "-XX:TieredStopAtLevel=1");
        e.put("PGCONNECT_TIMEOUT", "5");
        for (int i = 0; i + 1 < env.length; i += 2) {
            e.put(env[i], env[i + 1]);
        }
        Process p = pb.start();
        running.add(p);
        return p;
    }

    /** Runs {@code script} to its end (at most {@code limit}); answers its exit status. */
    int run(String script, Duration limit, String... env) throws IOException, InterruptedException {
        Process p = start(script, env);
        if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            stop(p);
            throw new AssertionError(script + " did not finish within " + limit + "; its output:\n" + output(script));
        }
        return p.exitValue();
    }

    Path log(String script) {
        return dir.resolve(script + ".log");
    }

    String output(String script) throws IOException {
        Path log = log(script);
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** Stack traces in a script's output (its nodes' logs included): none is expected, ever. */
    List<String> stackTraces(String script) throws IOException {
        List<String> out = new ArrayList<>();
        String[] lines = output(script).split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (STACK_FRAME.matcher(lines[i]).find()) {
                out.add((i > 0 ? lines[i - 1] + "\n" : "") + lines[i]);
            }
        }
        return out;
    }

    /** Waits until a node on {@code port} answers its liveness check. */
    static void awaitNode(int port, Process p, String script, Walkthrough w) throws Exception {
        Await.until("the node of " + script + " on port " + port, Duration.ofSeconds(90), () -> {
            if (!p.isAlive()) {
                throw new AssertionError(script + " exited with " + p.exitValue() + ":\n" + w.output(script));
            }
            try {
                return get("http://127.0.0.1:" + port + "/observe/health/live").statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Stops a script and every process it started (SIGTERM, so nodes shut down as on Ctrl-C). */
    void stop(Process p) throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
        all.forEach(ProcessHandle::destroy);
        p.destroy();
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(20, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                h.destroyForcibly();
            }
        }
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    /** Stops whatever is still running. */
    void close() throws InterruptedException {
        for (Process p : running) {
            if (p.isAlive() || p.descendants().findAny().isPresent()) {
                stop(p);
            }
        }
    }
}

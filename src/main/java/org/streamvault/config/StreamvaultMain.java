package org.streamvault.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.main.Main;

/**
 * Starts one Streamvault node: Camel Main with the top-level {@code application.properties},
 * the YAML routes under {@code routes/}, and {@code key=value} overrides from the command line.
 *
 * <p>The install directory (where {@code application.properties} and {@code routes/} live) is
 * the {@code streamvault.home} system property, which the launcher sets, or else the current
 * directory. Environment variables override properties too ({@code STREAMVAULT_HTTP_PORT} for
 * {@code streamvault.http.port}), through Camel's property resolution.
 */
public final class StreamvaultMain {
    private StreamvaultMain() {
    }

    public static void main(String[] args) {
        try {
            NodeExit exit = new NodeExit();
            Main main = create(home(), parseOverrides(args), exit);
            main.run();
            System.exit(exit.codeOr(main.getExitCode()));
        } catch (Exception e) {
            // Configuration mistakes (no database for the cutter, bad JSON) end in one line.
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            System.err.println("streamvault: cannot start: " + root.getMessage());
            System.exit(1);
        }
    }

    /** A configured but not yet started node; tests use this to boot the real thing. */
    public static Main create(Path home, List<String[]> overrides) {
        return create(home, overrides, new NodeExit());
    }

    /** As {@link #create(Path, List)}, with the {@link NodeExit} a one-shot run reports through. */
    public static Main create(Path home, List<String[]> overrides, NodeExit exit) {
        Path properties = home.resolve("application.properties");
        if (!Files.isRegularFile(properties)) {
            throw new IllegalStateException("no application.properties in " + home
                    + " (set -Dstreamvault.home to the Streamvault directory)");
        }
        // application.properties defaults the node name to {{sys:streamvault.hostname}}
        System.setProperty("streamvault.hostname", hostName());
        Main main = new Main(StreamvaultMain.class);
        main.setPropertyPlaceholderLocations("file:" + properties);
        String routes = "file:" + home.resolve("routes") + "/*.camel.yaml";
        Path extra = extraRoutesDir(home, properties, overrides);
        if (extra != null) {
            routes += ",file:" + extra + "/*.yaml";
        }
        main.addOverrideProperty("camel.main.routes-include-pattern", routes);
        for (String[] kv : overrides) {
            main.addOverrideProperty(kv[0], kv[1]);
        }
        // Each component contributes its beans through a @Configuration class in its own package.
        main.addOverrideProperty("camel.main.base-package-scan", "org.streamvault");
        main.bind(NodeExit.BEAN, exit);
        return main;
    }

    static final String EXTRA_DIR = "streamvault.routes.extra-dir";

    /**
     * The directory of the deployment's own routes ({@value #EXTRA_DIR}: an override, else the
     * environment, else {@code application.properties}; relative to {@code home}), or null when
     * none is named. It is read here, before Camel starts, because it decides which route files
     * Camel loads. A named directory that does not exist stops the start.
     */
    static Path extraRoutesDir(Path home, Path properties, List<String[]> overrides) {
        String value = null;
        for (String[] kv : overrides) {
            if (kv[0].equals(EXTRA_DIR)) {
                value = kv[1];
            }
        }
        if (value == null) {
            value = System.getenv("STREAMVAULT_ROUTES_EXTRA_DIR");
        }
        if (value == null) {
            java.util.Properties p = new java.util.Properties();
            try (var in = Files.newBufferedReader(properties)) {
                p.load(in);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot read " + properties + ": " + e.getMessage(), e);
            }
            value = p.getProperty(EXTRA_DIR);
        }
        if (value == null || value.isBlank()) {
            return null;
        }
        Path dir = home.resolve(value.strip()).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(EXTRA_DIR + "=" + value.strip() + ": no such directory (" + dir + ")");
        }
        return dir;
    }

    /** This machine's name (the shell's $HOSTNAME is usually not exported to the JVM). */
    static String hostName() {
        try {
            String name = java.net.InetAddress.getLocalHost().getHostName();
            return name == null || name.isBlank() ? "streamvault" : name;
        } catch (java.io.IOException e) {
            return "streamvault";
        }
    }

    static Path home() {
        String home = System.getProperty("streamvault.home");
        return Path.of(home == null ? "." : home).toAbsolutePath().normalize();
    }

    /** {@code key=value} pairs; anything else is a usage error, reported in one line. */
    static List<String[]> parseOverrides(String[] args) {
        List<String[]> out = new ArrayList<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                System.err.println("streamvault: expected key=value, got '" + arg + "'");
                System.exit(2);
            }
            out.add(new String[] {arg.substring(0, eq), arg.substring(eq + 1)});
        }
        return out;
    }
}

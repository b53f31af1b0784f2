package org.streamvault.pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The small static files of a page (HTML, script, style) from one class-path directory, and
 * hls.js from its WebJar (no CDN), so they work from the built jar. Only plain lower-case names
 * with a known extension are looked up; each file is read once and kept.
 */
public final class ClassPathFiles {
    /** The name pages use for the player library, in whatever directory they are served from. */
    public static final String HLS_JS = "hls.min.js";
    private static final String WEBJAR_POM = "META-INF/maven/org.webjars.npm/hls.js/pom.properties";
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js",
            "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml");

    private final String directory;
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    /** @param directory the class-path directory, e.g. {@code editor} */
    public ClassPathFiles(String directory) {
        this.directory = directory;
    }

    /** A file's bytes, or {@code null} when the name is not one this directory serves. */
    public byte[] bytes(String file) {
        if (contentType(file) == null) {
            return null;
        }
        byte[] bytes = cache.computeIfAbsent(file, this::load);
        return bytes.length == 0 ? null : bytes;
    }

    /** The content type for a file name, or {@code null} for a name that is never served. */
    public static String contentType(String file) {
        if (file == null || !file.matches("[a-z0-9][a-z0-9.-]{0,60}") || file.contains("..")) {
            return null;
        }
        return TYPES.get(file.substring(file.lastIndexOf('.') + 1));
    }

    /** Pages change with each release, the player library only with its version. */
    public static String cacheControl(String file) {
        return file.equals(HLS_JS) ? "max-age=86400" : "no-cache";
    }

    private byte[] load(String file) {
        String resource = file.equals(HLS_JS) ? "META-INF/resources/webjars/hls.js/" + hlsVersion() + "/dist/hls.min.js"
                : directory + "/" + file;
        try (InputStream in = ClassPathFiles.class.getClassLoader().getResourceAsStream(resource)) {
            // an empty array marks "absent" (computeIfAbsent does not cache null)
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hlsVersion() {
        try (InputStream in = ClassPathFiles.class.getClassLoader().getResourceAsStream(WEBJAR_POM)) {
            if (in == null) {
                throw new IllegalStateException("the hls.js WebJar is missing from the class path");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

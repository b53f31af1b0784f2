package org.streamvault.pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.streamvault.segments.SegmentStore;

/** The processors of {@code routes/pages.camel.yaml}: the home page, the player and their files. */
@Configuration
public class PagesBeans implements CamelConfiguration {
    @PropertyInject("streamvault.node-name")
    private String nodeName;
    @PropertyInject("streamvault.downloader.enabled")
    private boolean downloader;
    @PropertyInject("streamvault.restreamer.enabled")
    private boolean restreamer;
    @PropertyInject("streamvault.backfiller.enabled")
    private boolean backfiller;
    @PropertyInject("streamvault.cutter.enabled")
    private boolean cutter;
    @PropertyInject("streamvault.editor.enabled")
    private boolean editor;
    @PropertyInject("streamvault.coverage.enabled")
    private boolean coverage;
    @PropertyInject("streamvault.metrics.enabled")
    private boolean metrics;

    private NodeInfo node;

    @BindToRegistry(value = "homePage", lazy = true)
    public HomePageProcessor homePage(CamelContext context) {
        SegmentStore store = store(context);
        return new HomePageProcessor(store, node(), coverage ? new CoverageStrip(store) : null);
    }

    @BindToRegistry(value = "watchPage", lazy = true)
    public WatchPageProcessor watchPage(CamelContext context) {
        return new WatchPageProcessor(store(context), node());
    }

    @BindToRegistry(value = "pageFile", lazy = true)
    public PageFileProcessor pageFile() {
        return new PageFileProcessor();
    }

    private synchronized NodeInfo node() {
        if (node == null) {
            Map<String, Boolean> components = new LinkedHashMap<>();
            components.put("downloader", downloader);
            components.put("restreamer", restreamer);
            components.put("backfiller", backfiller);
            components.put("cutter", cutter);
            components.put("editor", editor);
            components.put("coverage", coverage);
            components.put("metrics", metrics);
            node = new NodeInfo(nodeName, version(), components);
        }
        return node;
    }

    private static SegmentStore store(CamelContext context) {
        return context.getRegistry().lookupByNameAndType("segmentStore", SegmentStore.class);
    }

    /** The version the build wrote into {@code pages/version.properties}. */
    static String version() {
        try (InputStream in = PagesBeans.class.getClassLoader().getResourceAsStream("pages/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

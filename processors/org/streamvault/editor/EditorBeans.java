package org.streamvault.editor;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamvault.config.RawProperties;
import org.streamvault.db.NodeDatabase;
import org.streamvault.images.TemplateStore;
import org.streamvault.images.ThumbnailRenderer;

/**
 * The editor's beans. With {@code streamvault.editor.enabled=true} the node refuses to start, in
 * one line, without a database, or with authentication on but no audience (OAuth client id).
 */
@Configuration
public class EditorBeans implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(EditorBeans.class);

    @PropertyInject(value = "streamvault.editor.enabled", defaultValue = "false")
    private boolean enabled;

    @PropertyInject(value = "streamvault.editor.auth.enabled", defaultValue = "true")
    private boolean authEnabled;

    @PropertyInject(value = "streamvault.editor.max-thumbnail-bytes", defaultValue = "2097152")
    private int maxThumbnailBytes;

    @PropertyInject(value = "streamvault.images.max-template-bytes", defaultValue = "1048576")
    private int maxTemplateBytes;

    @PropertyInject(value = "streamvault.images.max-pixels", defaultValue = "8294400")
    private long maxPixels;

    @PropertyInject(value = "streamvault.cut.kill-grace-seconds", defaultValue = "2")
    private int killGraceSeconds;

    private volatile EditorApi api;

    @Override
    public void configure(CamelContext camelContext) {
        if (!enabled) {
            return;
        }
        NodeDatabase db = camelContext.getRegistry().lookupByNameAndType("nodeDatabase", NodeDatabase.class);
        // Text settings are read raw: a footer or prefix may contain braces.
        EditorSettings settings = new EditorSettings(raw(camelContext, "default-channel"),
                raw(camelContext, "title-prefix"), raw(camelContext, "description-footer"),
                list(raw(camelContext, "upload-locations")), raw(camelContext, "event-start"), maxThumbnailBytes);
        EventStore store = new EventStore(db.require("the editor"), settings.descriptionTail());
        String audience = raw(camelContext, "auth.audience");
        IdTokenVerifier verifier = null;
        if (authEnabled) {
            if (audience.isEmpty()) {
                throw new IllegalArgumentException("the editor needs streamvault.editor.auth.audience (your OAuth client id),"
                        + " or streamvault.editor.auth.enabled=false for local use");
            }
            Set<String> issuers = Set.copyOf(list(raw(camelContext, "auth.issuer")));
            verifier = new IdTokenVerifier(issuers, audience, raw(camelContext, "auth.jwks-url"));
        } else {
            LOG.warn("editor authentication is DISABLED (streamvault.editor.auth.enabled=false):"
                    + " anyone who can reach this node can edit, submit and reset events");
        }
        EditorImages images = new EditorImages(new TemplateStore(db.require("the editor")),
                () -> camelContext.getRegistry().lookupByNameAndType("thumbnailRenderer", ThumbnailRenderer.class),
                maxTemplateBytes, maxPixels, Duration.ofSeconds(killGraceSeconds));
        api = new EditorApi(settings, store, new EditorAuth(verifier, store), authEnabled ? audience : "", images);
    }

    private Supplier<EditorApi> api() {
        return () -> {
            if (api == null) {
                throw new IllegalStateException("the editor is off (streamvault.editor.enabled=false)");
            }
            return api;
        };
    }

    @BindToRegistry("editorRows")
    public RowsListProcessor editorRows() {
        return new RowsListProcessor(api());
    }

    @BindToRegistry("editorDefaults")
    public DefaultsProcessor editorDefaults() {
        return new DefaultsProcessor(api());
    }

    @BindToRegistry("editorRow")
    public RowProcessor editorRow() {
        return new RowProcessor(api());
    }

    @BindToRegistry("editorManualLink")
    public ManualLinkProcessor editorManualLink() {
        return new ManualLinkProcessor(api());
    }

    @BindToRegistry("editorReset")
    public ResetProcessor editorReset() {
        return new ResetProcessor(api());
    }

    @BindToRegistry("editorTemplates")
    public TemplateProcessor editorTemplates() {
        return new TemplateProcessor(api(), TemplateProcessor.Kind.LIST);
    }

    @BindToRegistry("editorTemplateImage")
    public TemplateProcessor editorTemplateImage() {
        return new TemplateProcessor(api(), TemplateProcessor.Kind.IMAGE);
    }

    @BindToRegistry("editorTemplateMetadata")
    public TemplateProcessor editorTemplateMetadata() {
        return new TemplateProcessor(api(), TemplateProcessor.Kind.METADATA);
    }

    @BindToRegistry("editorAddTemplate")
    public TemplateProcessor editorAddTemplate() {
        return new TemplateProcessor(api(), TemplateProcessor.Kind.ADD);
    }

    @BindToRegistry("editorUpdateTemplate")
    public TemplateProcessor editorUpdateTemplate() {
        return new TemplateProcessor(api(), TemplateProcessor.Kind.UPDATE);
    }

    @BindToRegistry("editorEventThumbnail")
    public EventThumbnailProcessor editorEventThumbnail() {
        return new EventThumbnailProcessor(api());
    }

    @BindToRegistry("editorPage")
    public EditorPageProcessor editorPage() {
        return new EditorPageProcessor();
    }

    private static String raw(CamelContext camelContext, String key) {
        return RawProperties.get(camelContext, "streamvault.editor." + key, "").strip();
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toList());
    }
}

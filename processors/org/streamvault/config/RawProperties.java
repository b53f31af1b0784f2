package org.streamvault.config;

import org.apache.camel.CamelContext;
import org.apache.camel.component.properties.DefaultPropertiesLookup;
import org.apache.camel.component.properties.PropertiesComponent;

/**
 * Reads a setting without placeholder parsing. JSON values (upload locations) end in
 * {@code }}}, which Camel's {@code {{...}}} parser would take for the end of a placeholder;
 * such settings are read raw: from the environment first ({@code STREAMVAULT_EDITOR_AUTH_JWKS_URL}
 * for {@code streamvault.editor.auth.jwks-url}, as Camel maps names when it resolves placeholders),
 * then command-line overrides and the properties file.
 */
public final class RawProperties {
    private RawProperties() {
    }

    public static String get(CamelContext camelContext, String key, String defaultValue) {
        // the lookup below sees the file and overrides only; Camel applies the environment when parsing
        String env = System.getenv(environmentName(key));
        if (env != null) {
            return env;
        }
        PropertiesComponent pc = (PropertiesComponent) camelContext.getPropertiesComponent();
        String value = new DefaultPropertiesLookup(pc).lookup(key, null);
        return value == null ? defaultValue : value;
    }

    /** {@code streamvault.editor.auth.jwks-url} → {@code STREAMVAULT_EDITOR_AUTH_JWKS_URL}. */
    static String environmentName(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
